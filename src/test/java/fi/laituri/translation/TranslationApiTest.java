package fi.laituri.translation;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fi.laituri.translation.Desk.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TranslationApiTest extends ApiTest {

    private static final String BODY = "## Tavoite\n\nEnsimmäinen kappale.\n\nToinen kappale, joka muuttuu.\n\nKolmas kappale.\n";

    Desk desk;

    @BeforeAll
    void staff() {
        desk = new Desk(client, users);
    }

    /** A Finnish article published, with Swedish and selko versions published from it. */
    private long translatedArticle() {
        long id = desk.document("article", "Tavoitteet " + Desk.unique(), BODY);
        desk.publish(id, "fi");
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv", "title", "Mål " + Desk.unique(), "body", "## Mål\n\nFörsta.\n\nAndra.\n\nTredje.\n")));
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "selko", "title", "Selko " + Desk.unique(), "body", "Selkeä teksti.")));
        desk.publish(id, "sv");
        desk.publish(id, "selko");
        return id;
    }

    private static String status(long id, String lang) {
        return "/api/v1/translations/" + id + "/" + lang;
    }

    @Test
    void aNewTranslationIsMadeFromTheSourcesLiveRevisionAndIsUpToDateOncePublished() {
        long id = translatedArticle();
        ApiClient.Reply sv = require(200, desk.translator.get(status(id, "sv")));
        assertEquals("up_to_date", sv.get("state"));
        assertEquals(1, ((Number) sv.get("translatedFrom")).intValue());
        assertEquals("fi", sv.get("sourceLanguage"));
        ApiClient.Reply selko = require(200, desk.translator.get(status(id, "selko")));
        assertEquals(true, selko.get("adaptation"));
    }

    @Test
    void publishingANewSourceRevisionMakesEveryTranslationOutdatedWithTheChangedParagraph() {
        long id = translatedArticle();
        desk.editFinnish(id, BODY.replace("Toinen kappale, joka muuttuu.", "Toinen kappale, joka muuttui nyt."));
        assertEquals("up_to_date", desk.translator.get(status(id, "sv")).get("state"), "a Finnish draft changes nothing yet");
        desk.publish(id, "fi");
        for (String lang : List.of("sv", "selko")) {
            ApiClient.Reply s = require(200, desk.translator.get(status(id, lang)));
            assertEquals("outdated", s.get("state"));
            assertEquals(2, ((Number) s.get("sourceRevision")).intValue());
            assertTrue(((Number) s.get("words")).intValue() > 0);
            ApiClient.Reply diff = require(200, desk.translator.get((String) s.get("sourceDiff")));
            assertEquals(1, ((List<?>) diff.get("hunks")).size(), diff.text());
            assertEquals("word", diff.get("mode"));
            String old = diff.<List<Map<String, String>>>get("hunks.0.tokens").stream()
                    .filter(t -> !t.get("op").equals("insert")).map(t -> t.get("text")).reduce("", String::concat);
            assertEquals("Toinen kappale, joka muuttuu.", old);
        }
    }

    @Test
    void aSaveOfTheTranslationDoesNotMarkItUpToDate() {
        long id = translatedArticle();
        desk.editFinnish(id, BODY + "\nUusi kappale.\n");
        desk.publish(id, "fi");
        ApiClient.Reply sv = require(200, desk.translator.get("/api/v1/documents/" + id + "/variants/sv"));
        require(200, desk.translator.patch("/api/v1/documents/" + id + "/variants/sv", Map.of("summary", "Rättat."), sv.etag()));
        assertEquals("outdated", desk.translator.get(status(id, "sv")).get("state"));
    }

    @Test
    void markingUpToDateWithoutChangesIsExplicitAndAudited() {
        long id = translatedArticle();
        desk.editFinnish(id, BODY.replace("Kolmas", "Kolmas,"));
        desk.publish(id, "fi");
        ApiClient.Reply marked = require(200, desk.translator.post(status(id, "sv") + "/up-to-date",
                Map.of("comment", "pilkku vain")));
        assertEquals("up_to_date", marked.get("state"));
        assertEquals(2, ((Number) marked.get("translatedFrom")).intValue());
        assertEquals("outdated", desk.translator.get(status(id, "selko")).get("state"), "only the version marked");
        List<Map<String, Object>> audit = desk.admin.get("/api/v1/audit?document=" + id + "&size=100").get("items");
        Map<String, Object> entry = audit.stream().filter(e -> e.get("action").equals("translation.marked-up-to-date"))
                .findFirst().orElseThrow();
        assertEquals("sv", entry.get("language"));
        assertEquals("pilkku vain", entry.get("comment"));
        assertTrue(entry.get("detail").toString().contains("fi revision 2 (was 1)"), entry.toString());
    }

    @Test
    void theWorklistListsOutdatedWorkOldestFirstWithItsSize() {
        long first = translatedArticle();
        long second = translatedArticle();
        desk.editFinnish(second, BODY + "\nLisäys kahdella sanalla.\n");
        desk.publish(second, "fi");
        desk.editFinnish(first, BODY + "\nToinen lisäys.\n");
        desk.publish(first, "fi");
        List<Map<String, Object>> items = require(200, desk.translator.get("/api/v1/translations?lang=sv&state=outdated"))
                .get("items");
        List<Long> ids = items.stream().map(i -> ((Number) i.get("documentId")).longValue())
                .filter(d -> d == first || d == second).toList();
        assertEquals(List.of(second, first), ids);
        Map<String, Object> item = items.stream().filter(i -> ((Number) i.get("documentId")).longValue() == second)
                .findFirst().orElseThrow();
        assertEquals(3, ((Number) item.get("words")).intValue());
    }

    @Test
    void aPublishedSourceWithoutATranslationIsMissingInTheWorklistAndTheOverview() {
        long id = desk.document("page", "Vain suomeksi " + Desk.unique(), "Teksti.");
        desk.publish(id, "fi");
        List<Map<String, Object>> missing = require(200, desk.editor.get("/api/v1/translations?lang=sv&state=missing")).get("items");
        assertTrue(missing.stream().anyMatch(i -> ((Number) i.get("documentId")).longValue() == id
                && ((Number) i.get("words")).intValue() == 5), missing.toString());
        ApiClient.Reply overview = require(200, desk.editor.get("/api/v1/translations/overview"));
        List<Map<String, Object>> langs = overview.get("languages");
        Map<String, Object> sv = langs.stream().filter(l -> l.get("language").equals("sv")).findFirst().orElseThrow();
        assertTrue(((Number) ((Map<?, ?>) sv.get("counts")).get("missing")).intValue() >= 1);
        assertTrue(((List<Map<String, Object>>) sv.get("untranslated")).stream()
                .anyMatch(u -> ((Number) u.get("documentId")).longValue() == id));
    }

    @Test
    void aTranslatorSeesOnlyTheirLanguages() {
        translatedArticle();
        ApiClient.Reply refused = desk.selkoOnly.get("/api/v1/translations?lang=sv");
        assertEquals(403, refused.status(), refused.text());
        assertEquals("application/problem+json", refused.contentType());
        List<Map<String, Object>> items = require(200, desk.selkoOnly.get("/api/v1/translations?state=up_to_date")).get("items");
        assertFalse(items.isEmpty());
        assertTrue(items.stream().allMatch(i -> i.get("language").equals("selko")));
        List<Map<String, Object>> langs = require(200, desk.selkoOnly.get("/api/v1/translations/overview")).get("languages");
        assertEquals(List.of("selko"), langs.stream().map(l -> l.get("language")).toList());
    }

    @Test
    void aTranslatorCannotMarkAnotherLanguageUpToDate() {
        long id = translatedArticle();
        ApiClient.Reply r = desk.selkoOnly.post(status(id, "sv") + "/up-to-date", Map.of());
        assertEquals(403, r.status(), r.text());
        assertEquals(1, ((Number) desk.editor.get(status(id, "sv")).get("translatedFrom")).intValue());
    }

    @Test
    void anUnknownLanguageOrStateOrAnOriginalLanguageIsABadRequest() {
        for (String uri : List.of("/api/v1/translations?lang=xx", "/api/v1/translations?lang=fi",
                "/api/v1/translations?lang=sv&state=stale")) {
            ApiClient.Reply r = desk.editor.get(uri);
            assertEquals(400, r.status(), uri + ": " + r.text());
            assertEquals("application/problem+json", r.contentType());
        }
        assertTrue(desk.editor.get("/api/v1/translations?lang=fi").text().contains("original language"));
        long id = translatedArticle();
        assertEquals(400, desk.editor.post(status(id, "fi") + "/up-to-date", Map.of()).status());
        assertEquals(400, desk.editor.get(status(id, "fi") + "/xliff").status());
    }

    @Test
    void publishingAFinnishArticleWithoutItsSwedishVersionWarns() {
        long id = desk.document("article", "Uutinen " + Desk.unique(), "Teksti.");
        ApiClient.Reply published = desk.publish(id, "fi");
        assertEquals("published", published.get("status"));
        List<String> warnings = published.get("warnings");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("sv version"), warnings.toString());
    }

    @Test
    void publishingAPageOrABilingualArticleDoesNotWarn() {
        long page = desk.document("page", "Sivu " + Desk.unique(), "Teksti.");
        assertEquals(List.of(), desk.publish(page, "fi").get("warnings"));
        long id = desk.document("article", "Uutinen " + Desk.unique(), "Teksti.");
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants", Map.of("language", "sv", "title", "Nyhet " + Desk.unique())));
        desk.publish(id, "sv");
        assertEquals(List.of(), desk.publish(id, "fi").get("warnings"));
    }

    @Test
    void theStatusOfADocumentWithoutASourceIsNotFound() {
        ApiClient.Reply created = require(201, desk.editor.post("/api/v1/documents", Map.of("kind", "page",
                "variants", List.of(Map.of("language", "sv", "title", "Bara svenska " + Desk.unique())))));
        long id = ((Number) created.get("id")).longValue();
        ApiClient.Reply r = desk.editor.get(status(id, "sv"));
        assertEquals(404, r.status());
        assertNull(desk.editor.get(status(id, "sv")).get("state"));
    }

    @Test
    void aTranslationWrittenBeforeItsSourceExistedIsOutdatedOnceTheSourceIsPublished() {
        ApiClient.Reply created = require(201, desk.editor.post("/api/v1/documents", Map.of("kind", "page",
                "variants", List.of(Map.of("language", "sv", "title", "Först svenska " + Desk.unique())))));
        long id = ((Number) created.get("id")).longValue();
        require(201, desk.editor.post("/api/v1/documents/" + id + "/variants", Map.of("language", "fi", "title", "Sitten suomi " + Desk.unique())));
        desk.publish(id, "fi");
        ApiClient.Reply s = require(200, desk.translator.get(status(id, "sv")));
        assertEquals("outdated", s.get("state"));
        assertNull(s.get("translatedFrom"));
        ApiClient.Reply diff = desk.translator.get(status(id, "sv") + "/source-diff");
        assertEquals(409, diff.status(), diff.text());
        // made from the live source now; its own draft is not published yet
        assertEquals("in_progress", require(200, desk.translator.post(status(id, "sv") + "/up-to-date", Map.of())).get("state"));
        assertEquals(1, ((Number) desk.translator.get(status(id, "sv")).get("translatedFrom")).intValue());
    }
}
