package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RevisionDiffApiTest extends ApiTest {

    private static final String FIRST = "Kunta avaa uuden kirjaston keväällä.";
    private static final String SECOND = "Kirjasto on auki arkisin kello 9–18.";
    private static final String SECOND_EDITED = "Kirjasto on auki arkisin kello 10–19.";
    private static final String SECOND_FINAL = "Kirjasto on auki joka päivä kello 10–19.";
    private static final String THIRD = "Lisätietoja saa kunnan verkkosivuilta.";


    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    @Test
    void theDiffOfTheFirstAndThirdRevisionShowsExactlyTheEditedParagraphChanged() {
        long id = withTheMiddleParagraphEditedTwice("Kirjasto");

        ApiClient.Reply diff = editor.get(diffUri(id, "from=1&to=3&mode=line"));

        assertEquals(200, diff.status());
        assertEquals(1, ((Number) diff.get("from")).intValue());
        assertEquals(3, ((Number) diff.get("to")).intValue());
        assertEquals("line", diff.get("mode"));
        assertEquals(List.of(), diff.get("fields"));
        List<Map<String, Object>> hunks = diff.get("hunks");
        assertEquals(1, hunks.size());
        assertEquals(List.of(
                Map.of("op", "equal", "text", FIRST), Map.of("op", "equal", "text", ""),
                Map.of("op", "delete", "text", SECOND), Map.of("op", "insert", "text", SECOND_FINAL),
                Map.of("op", "equal", "text", ""), Map.of("op", "equal", "text", THIRD)), hunks.get(0).get("lines"));
        assertEquals(List.of(1, 5, 1, 5), List.of(diff.get("hunks.0.fromLine"), diff.get("hunks.0.fromCount"),
                diff.get("hunks.0.toLine"), diff.get("hunks.0.toCount")).stream().map(n -> ((Number) n).intValue()).toList());
    }

    @Test
    void withoutAModeTheDiffIsByLine() {
        long id = withTheMiddleParagraphEditedTwice("Oletus");

        ApiClient.Reply diff = editor.get(diffUri(id, "from=1&to=3"));

        assertEquals(200, diff.status());
        assertEquals("line", diff.get("mode"));
        assertEquals(SECOND, diff.get("hunks.0.lines.2.text"));
    }

    @Test
    void wordModeShowsTheChangedWordsOfTheEditedParagraph() {
        long id = withTheMiddleParagraphEditedTwice("Sanat");

        ApiClient.Reply diff = editor.get(diffUri(id, "from=1&to=3&mode=word"));

        assertEquals(200, diff.status());
        assertEquals("word", diff.get("mode"));
        List<Map<String, Object>> hunks = diff.get("hunks");
        assertEquals(1, hunks.size());
        assertEquals(List.of(3, 1, 3, 1), List.of(diff.get("hunks.0.fromLine"), diff.get("hunks.0.fromCount"),
                diff.get("hunks.0.toLine"), diff.get("hunks.0.toCount")).stream().map(n -> ((Number) n).intValue()).toList());
        assertEquals(List.of(
                Map.of("op", "equal", "text", "Kirjasto on auki "),
                Map.of("op", "delete", "text", "arkisin"), Map.of("op", "insert", "text", "joka päivä"),
                Map.of("op", "equal", "text", " kello "),
                Map.of("op", "delete", "text", "9"), Map.of("op", "insert", "text", "10"),
                Map.of("op", "equal", "text", "–"),
                Map.of("op", "delete", "text", "18"), Map.of("op", "insert", "text", "19"),
                Map.of("op", "equal", "text", ".")), hunks.get(0).get("tokens"));
    }

    @Test
    void swappingFromAndToSwapsDeletesAndInserts() {
        long id = withTheMiddleParagraphEditedTwice("Toisin päin");

        ApiClient.Reply backward = editor.get(diffUri(id, "from=3&to=1"));

        assertEquals(200, backward.status());
        assertEquals(3, ((Number) backward.get("from")).intValue());
        assertEquals(1, ((Number) backward.get("to")).intValue());
        assertEquals(Map.of("op", "delete", "text", SECOND_FINAL), backward.get("hunks.0.lines.2"));
        assertEquals(Map.of("op", "insert", "text", SECOND), backward.get("hunks.0.lines.3"));
    }

    @Test
    void aRevisionComparedWithItselfHasNoChanges() {
        long id = withTheMiddleParagraphEditedTwice("Sama");

        ApiClient.Reply diff = editor.get(diffUri(id, "from=2&to=2&mode=word"));

        assertEquals(200, diff.status());
        assertEquals(List.of(), diff.get("fields"));
        assertEquals(List.of(), diff.get("hunks"));
    }

    @Test
    void changedFieldsAreListedWithTheirOldAndNewValues() {
        long id = article(editor, variant("fi", "Uimahalli", "summary", "Halli avataan.", "body", "Teksti",
                "tags", List.of("liikunta")));
        String etag = editor.get(variantUri(id, "fi")).etag();
        assertEquals(200, editor.patch(variantUri(id, "fi"), Map.of("title", "Uimahalli ja kuntosali",
                "tags", List.of("liikunta", "kuntosali"), "date", "2025-06-01T12:00:00+03:00"), etag).status());

        ApiClient.Reply diff = editor.get(diffUri(id, "from=1&to=2"));

        assertEquals(200, diff.status());
        assertEquals(List.of(
                Map.of("field", "title", "from", "Uimahalli", "to", "Uimahalli ja kuntosali"),
                Map.of("field", "tags", "from", List.of("liikunta"), "to", List.of("liikunta", "kuntosali"))),
                ((List<?>) diff.get("fields")).subList(0, 2));
        assertEquals("date", diff.get("fields.2.field"));
        assertNull(diff.get("fields.2.from"));
        assertTrue(((String) diff.get("fields.2.to")).startsWith("2025-06-01T12:00"), diff.text());
        assertEquals(3, ((List<?>) diff.get("fields")).size());
        assertEquals(List.of(), diff.get("hunks"));
    }

    @Test
    void aRevisionThatDoesNotExistIs404() {
        long id = withTheMiddleParagraphEditedTwice("Puuttuva");

        ApiClient.Reply refused = editor.get(diffUri(id, "from=1&to=99"));

        assertEquals(404, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    }

    @ParameterizedTest
    @CsvSource({
            "to=2, from",
            "from=1, to",
            "from=abc&to=2, from",
            "from=1&to=1.5, to",
            "from=1&to=2&mode=char, mode",
            "from=1&to=2&mode=, mode",
    })
    void aMissingOrInvalidParameterIsRefusedWith400NamingIt(String query, String field) {
        long id = withTheMiddleParagraphEditedTwice("Virhe " + field);

        ApiClient.Reply refused = editor.get(diffUri(id, query));

        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(field, refused.get("errors.0.field"), refused.text());
    }

    @Test
    void anUnknownLanguageIsRefusedWith400() {
        long id = withTheMiddleParagraphEditedTwice("Kieli");

        ApiClient.Reply refused = editor.get("/api/v1/documents/" + id + "/variants/xx/revisions/diff?from=1&to=2");

        assertEquals(400, refused.status(), refused.text());
        assertEquals("language", refused.get("errors.0.field"), refused.text());
    }

    @Test
    void theDiffRequiresAToken() {
        long id = withTheMiddleParagraphEditedTwice("Tunnus");

        ApiClient.Reply refused = new ApiClient(client, null).get(diffUri(id, "from=1&to=3"));

        assertEquals(401, refused.status());
    }

    /**
     * A Finnish article of three paragraphs whose middle one is edited in revision 2 and again in 3;
     * nothing else changes.
     */
    private long withTheMiddleParagraphEditedTwice(String title) {
        long id = article(editor, variant("fi", title, "body", body(SECOND)));
        for (String edited : List.of(SECOND_EDITED, SECOND_FINAL)) {
            String etag = editor.get(variantUri(id, "fi")).etag();
            assertEquals(200, editor.patch(variantUri(id, "fi"), Map.of("body", body(edited)), etag).status());
        }
        return id;
    }

    private static String body(String middle) {
        return FIRST + "\n\n" + middle + "\n\n" + THIRD + "\n";
    }

    private static String diffUri(long id, String query) {
        return variantUri(id, "fi") + "/revisions/diff?" + query;
    }
}
