package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static fi.laituri.workflow.Newsroom.require;
import static fi.laituri.workflow.Newsroom.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four-eyes over every revision since the last publication, and what a translator may read. */
@MicronautTest(transactional = false)
class EditorialAccessTest extends ApiTest {

    private Newsroom newsroom;

    @BeforeAll
    void staff() {
        newsroom = new Newsroom(client, users);
    }

    private void edit(ApiClient who, long id, String language, Map<String, Object> fields) {
        String etag = require(200, newsroom.admin.get(variant(id, language))).etag();
        require(200, who.patch(variant(id, language), fields, etag));
    }

    @Test
    void anAdminWhoRewroteTheTextCannotApproveItAfterAnEditorChangedOnlyTheSummary() {
        long id = newsroom.finnishArticle("Neljä silmää " + Newsroom.unique());
        newsroom.publishNow(id, "fi");
        edit(newsroom.admin, id, "fi", Map.of("body", "Ylläpitäjän oma teksti."));
        edit(newsroom.editor, id, "fi", Map.of("summary", "Vain tiivistelmä muuttui."));
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));

        ApiClient.Reply refused = newsroom.step(newsroom.admin, id, "fi", "approve");

        assertEquals(403, refused.status(), refused.text());
        assertTrue(((String) refused.get("detail")).contains("four-eyes"), refused.text());
        assertTrue(((String) refused.get("detail")).contains("revision 2 since revision 1 was published"), refused.text());
        require(200, newsroom.step(newsroom.publisher, id, "fi", "approve"));
    }

    @Test
    void revisionsThatWerePublishedNoLongerKeepTheirWriterFromApproving() {
        long id = newsroom.finnishArticle("Julkaistu jo " + Newsroom.unique());
        edit(newsroom.admin, id, "fi", Map.of("body", "Ylläpitäjän teksti, joka julkaistaan."));
        newsroom.publishNow(id, "fi");
        edit(newsroom.editor, id, "fi", Map.of("summary", "Toimittajan tiivistelmä."));
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));

        require(200, newsroom.step(newsroom.admin, id, "fi", "approve"));
    }

    @Test
    void anUnpublishedVersionStillCountsFromItsLastPublication() {
        long id = newsroom.finnishArticle("Poistettu julkaisusta " + Newsroom.unique());
        edit(newsroom.admin, id, "fi", Map.of("body", "Ylläpitäjän teksti."));
        newsroom.publishNow(id, "fi");
        require(200, newsroom.step(newsroom.publisher, id, "fi", "unpublish"));
        edit(newsroom.editor, id, "fi", Map.of("summary", "Uusi tiivistelmä."));
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));

        require(200, newsroom.step(newsroom.admin, id, "fi", "approve"));
    }

    @Test
    void aTranslatorReadsOnlyTheVersionsOfTheirLanguages() {
        long id = newsroom.finnishArticle("Vain omat kielet " + Newsroom.unique());
        require(201, newsroom.translator.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv", "title", "Bara egna språk")));

        ApiClient.Reply doc = require(200, newsroom.translator.get("/api/v1/documents/" + id));
        assertEquals(List.of("sv"), ((List<?>) doc.get("variants")).stream().map(v -> ((Map<?, ?>) v).get("language")).toList());
        assertEquals(403, newsroom.translator.get(variant(id, "fi")).status());
        assertEquals(403, newsroom.translator.get(variant(id, "fi") + "/revisions").status());
        assertEquals(403, newsroom.translator.get(variant(id, "fi") + "/revisions/1").status());
        assertEquals(403, newsroom.translator.get(variant(id, "fi") + "/revisions/diff?from=1&to=1").status());
        assertEquals(403, newsroom.translator.get(variant(id, "fi") + "/preview-links").status());
        require(200, newsroom.translator.get(variant(id, "sv")));
        require(200, newsroom.translator.get(variant(id, "sv") + "/revisions"));
        ApiClient.Reply listed = require(200, newsroom.translator.get("/api/v1/documents?size=100"));
        assertTrue(((List<?>) listed.get("items")).stream().flatMap(d -> ((List<?>) ((Map<?, ?>) d).get("variants")).stream())
                .allMatch(v -> "sv".equals(((Map<?, ?>) v).get("language")) || "selko".equals(((Map<?, ?>) v).get("language"))),
                listed.text());
        assertEquals(2, ((List<?>) require(200, newsroom.editor.get("/api/v1/documents/" + id)).get("variants")).size());
    }

    @Test
    void aTranslatorsDocumentListLeavesOutDocumentsWithNoVersionInTheirLanguagesAndCountsOnlyTheRest() {
        String token = "Luettelo" + Newsroom.unique().replace("-", "");
        long untranslated = newsroom.finnishArticle(token + " vain suomeksi");
        long first = newsroom.finnishArticle(token + " ensimmäinen");
        require(201, newsroom.translator.post("/api/v1/documents/" + first + "/variants",
                Map.of("language", "sv", "title", token + " första")));
        long second = newsroom.finnishArticle(token + " toinen");
        require(201, newsroom.translator.post("/api/v1/documents/" + second + "/variants",
                Map.of("language", "selko", "title", token + " toinen selkokielellä")));

        ApiClient.Reply all = require(200, newsroom.translator.get("/api/v1/documents?size=100&q=" + token));
        List<?> items = (List<?>) all.get("items");
        assertEquals(Set.of(first, second), items.stream().map(d -> ((Number) ((Map<?, ?>) d).get("id")).longValue())
                .collect(Collectors.toSet()), all.text());
        assertEquals(2, ((Number) all.get("total")).intValue(), all.text());
        assertTrue(items.stream().noneMatch(d -> ((List<?>) ((Map<?, ?>) d).get("variants")).isEmpty()), all.text());
        ApiClient.Reply finnish = require(200, newsroom.translator.get("/api/v1/documents?language=fi&q=" + token));
        assertEquals(0, ((Number) finnish.get("total")).intValue(), finnish.text());

        Set<Object> paged = new java.util.HashSet<>();
        for (int page = 1; page <= 2; page++) {
            ApiClient.Reply one = require(200, newsroom.translator.get("/api/v1/documents?size=1&page=" + page + "&q=" + token));
            assertEquals(2, ((Number) one.get("total")).intValue(), one.text());
            assertEquals(1, ((List<?>) one.get("items")).size(), one.text());
            paged.add(((Map<?, ?>) ((List<?>) one.get("items")).get(0)).get("id"));
        }
        assertEquals(2, paged.size());
        ApiClient.Reply beyond = require(200, newsroom.translator.get("/api/v1/documents?size=1&page=3&q=" + token));
        assertTrue(((List<?>) beyond.get("items")).isEmpty(), beyond.text());

        ApiClient.Reply editors = require(200, newsroom.editor.get("/api/v1/documents?size=100&q=" + token));
        assertEquals(3, ((Number) editors.get("total")).intValue(), editors.text());
        assertTrue(((List<?>) editors.get("items")).stream()
                .anyMatch(d -> ((Number) ((Map<?, ?>) d).get("id")).longValue() == untranslated), editors.text());
    }

    @Test
    void aTranslatorReadsOnlyTheAuditEntriesOfTheirLanguages() {
        long id = newsroom.finnishArticle("Loki " + Newsroom.unique());
        require(201, newsroom.translator.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv", "title", "Logg")));
        require(201, newsroom.admin.post("/api/v1/users", Map.of("name", "audit-" + Newsroom.unique(), "role", "editor")));

        ApiClient.Reply all = require(200, newsroom.translator.get("/api/v1/audit?size=500"));
        List<?> items = (List<?>) all.get("items");
        assertTrue(items.stream().anyMatch(e -> "sv".equals(((Map<?, ?>) e).get("language"))), all.text());
        assertTrue(items.stream().allMatch(e -> List.of("sv", "selko").contains(((Map<?, ?>) e).get("language"))), all.text());
        ApiClient.Reply ofDocument = require(200, newsroom.translator.get("/api/v1/audit?document=" + id));
        assertEquals(1, ((Number) ofDocument.get("total")).intValue(), ofDocument.text());
        assertTrue(((Number) require(200, newsroom.editor.get("/api/v1/audit?document=" + id)).get("total")).intValue() >= 2);
    }
}
