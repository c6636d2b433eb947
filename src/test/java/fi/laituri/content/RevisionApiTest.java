package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.revisions;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RevisionApiTest extends ApiTest {

    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    @Test
    void revisionsAreListedNewestFirst() {
        long id = withThreeRevisions("Järjestys");

        List<Map<String, Object>> listed = revisions(editor, id, "fi");

        assertEquals(List.of(3, 2, 1), listed.stream().map(r -> ((Number) r.get("number")).intValue()).toList());
        assertEquals(List.of("Järjestys 3", "Järjestys 2", "Järjestys 1"), listed.stream().map(r -> r.get("title")).toList());
    }

    @Test
    void eachRevisionRecordsWhoSavedItAndItsContentHash() {
        long id = withThreeRevisions("Tekijä");

        Map<String, Object> newest = revisions(editor, id, "fi").get(0);

        assertTrue(((String) newest.get("createdBy")).startsWith("editor-"), String.valueOf(newest.get("createdBy")));
        assertTrue(((String) newest.get("contentHash")).matches("[0-9a-f]{64}"), String.valueOf(newest.get("contentHash")));
        assertNull(newest.get("restoredFrom"));
    }

    @Test
    void anOldRevisionCanBeReadWithItsFullContent() {
        long id = withThreeRevisions("Vanha sisältö");

        ApiClient.Reply first = editor.get(variantUri(id, "fi") + "/revisions/1");

        assertEquals(200, first.status());
        assertEquals(1, ((Number) first.get("number")).intValue());
        assertEquals("Vanha sisältö 1", first.get("title"));
        assertEquals("Teksti 1", first.get("body"));
        assertEquals(List.of("versio-1"), first.get("tags"));
    }

    @Test
    void restoringARevisionAppendsANewRevisionMarkedAsRestoredFromIt() {
        long id = withThreeRevisions("Palautus");
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply restored = editor.post(variantUri(id, "fi") + "/revisions/1/restore", null, etag);

        assertEquals(200, restored.status());
        assertEquals(4, ((Number) restored.get("revision")).intValue());
        Map<String, Object> newest = revisions(editor, id, "fi").get(0);
        assertEquals(4, ((Number) newest.get("number")).intValue());
        assertEquals(1, ((Number) newest.get("restoredFrom")).intValue());
    }

    @Test
    void restoringARevisionMakesItsContentCurrentAgain() {
        long id = withThreeRevisions("Sisältö takaisin");
        ApiClient.Reply first = editor.get(variantUri(id, "fi") + "/revisions/1");
        String etag = editor.get(variantUri(id, "fi")).etag();

        editor.post(variantUri(id, "fi") + "/revisions/1/restore", null, etag);

        ApiClient.Reply current = editor.get(variantUri(id, "fi"));
        ApiClient.Reply fourth = editor.get(variantUri(id, "fi") + "/revisions/4");
        for (String field : List.of("slug", "title", "summary", "body", "tags", "authors", "date")) {
            assertEquals((Object) first.get(field), current.get(field), field);
        }
        for (String field : List.of("slug", "title", "summary", "body", "tags", "authors", "date", "contentHash")) {
            assertEquals((Object) first.get(field), fourth.get(field), field);
        }
    }

    @Test
    void restoringARevisionThatDoesNotExistIs404AndChangesNothing() {
        long id = withThreeRevisions("Olematon");
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply refused = editor.post(variantUri(id, "fi") + "/revisions/99/restore", null, etag);

        assertEquals(404, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(3, revisions(editor, id, "fi").size());
        assertEquals(etag, editor.get(variantUri(id, "fi")).etag());
    }

    @Test
    void restoringWithoutIfMatchIsRefusedWith428() {
        long id = withThreeRevisions("Ehdoton");

        ApiClient.Reply refused = editor.post(variantUri(id, "fi") + "/revisions/1/restore", null, null);

        assertEquals(428, refused.status());
        assertEquals(3, revisions(editor, id, "fi").size());
    }

    /** A Finnish article saved three times: title, body and tag numbered 1, 2 and 3. */
    private long withThreeRevisions(String title) {
        long id = article(editor, variant("fi", title + " 1", "body", "Teksti 1", "tags", List.of("versio-1")));
        for (int n = 2; n <= 3; n++) {
            String etag = editor.get(variantUri(id, "fi")).etag();
            ApiClient.Reply saved = editor.put(variantUri(id, "fi"),
                    variant("fi", title + " " + n, "body", "Teksti " + n, "tags", List.of("versio-" + n)), etag);
            assertEquals(200, saved.status());
        }
        return id;
    }
}
