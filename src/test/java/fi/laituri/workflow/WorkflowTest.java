package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fi.laituri.workflow.Newsroom.require;
import static fi.laituri.workflow.Newsroom.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class WorkflowTest extends ApiTest {

    Newsroom newsroom;

    @BeforeAll
    void staff() {
        newsroom = new Newsroom(client, users);
    }

    private ApiClient.Reply publicPage(String language, String slug) {
        return newsroom.anonymous.get("/api/public/v1/" + language + "/" + slug);
    }

    @Test
    void anArticleGoesFromDraftThroughReviewAndApprovalToPublished() {
        long id = newsroom.finnishArticle("Koko polku " + Newsroom.unique());

        assertEquals("in_review", require(200, newsroom.step(newsroom.editor, id, "fi", "submit")).get("status"));
        assertEquals("approved", require(200, newsroom.step(newsroom.publisher, id, "fi", "approve")).get("status"));
        ApiClient.Reply published = require(200, newsroom.step(newsroom.publisher, id, "fi", "publish"));

        assertEquals("published", published.get("status"));
        assertEquals(1, ((Number) published.get("liveRevision")).intValue());
    }

    @Test
    void aDraftIsNotPublicAndAPublishedVersionIs() {
        long id = newsroom.finnishArticle("Julkisuus " + Newsroom.unique());
        String slug = require(200, newsroom.editor.get(variant(id, "fi"))).get("slug");

        assertEquals(404, publicPage("fi", slug).status());
        newsroom.publishNow(id, "fi");

        ApiClient.Reply page = require(200, publicPage("fi", slug));
        assertTrue(((String) page.get("html")).contains("Ensimmäinen kappale."));
    }

    @Test
    void publishingTheFinnishVariantLeavesTheSwedishDraftUnpublished() {
        long id = newsroom.finnishArticle("Kaksi kieltä " + Newsroom.unique());
        require(201, newsroom.translator.post(variant(id, "fi").replace("/fi", ""),
                Map.of("language", "sv", "title", "Två språk " + Newsroom.unique())));

        newsroom.publishNow(id, "fi");

        ApiClient.Reply sv = require(200, newsroom.editor.get(variant(id, "sv")));
        assertEquals("draft", sv.get("status"));
        assertNull(sv.get("liveRevision"));
        assertEquals(404, publicPage("sv", sv.get("slug")).status());
    }

    @Test
    void editingAPublishedVersionKeepsTheLiveRevisionPublicUntilTheNewOneIsPublished() {
        long id = newsroom.finnishArticle("Elävä versio " + Newsroom.unique());
        newsroom.publishNow(id, "fi");
        ApiClient.Reply current = newsroom.editor.get(variant(id, "fi"));

        ApiClient.Reply edited = require(200, newsroom.editor.patch(variant(id, "fi"),
                Map.of("body", "Uusi kappale."), current.etag()));

        assertEquals("draft", edited.get("status"));
        assertEquals(1, ((Number) edited.get("liveRevision")).intValue());
        String slug = edited.get("slug");
        assertTrue(((String) publicPage("fi", slug).get("html")).contains("Ensimmäinen kappale."));

        newsroom.publishNow(id, "fi");
        assertTrue(((String) publicPage("fi", slug).get("html")).contains("Uusi kappale."));
    }

    @Test
    void unpublishingRemovesTheVersionFromThePublicAtOnce() {
        long id = newsroom.finnishArticle("Poistuva " + Newsroom.unique());
        newsroom.publishNow(id, "fi");
        String slug = newsroom.editor.get(variant(id, "fi")).get("slug");

        ApiClient.Reply unpublished = require(200, newsroom.step(newsroom.publisher, id, "fi", "unpublish"));

        assertEquals("unpublished", unpublished.get("status"));
        assertEquals(404, publicPage("fi", slug).status());
    }

    @Test
    void aTransitionNotAllowedFromTheCurrentStateIsA409NamingIt() {
        long id = newsroom.finnishArticle("Väärä järjestys " + Newsroom.unique());

        ApiClient.Reply refused = newsroom.step(newsroom.publisher, id, "fi", "publish");

        assertEquals(409, refused.status());
        assertEquals("draft", refused.get("currentState"));
        assertTrue(((String) refused.get("detail")).contains("draft"));
    }

    @Test
    void rejectingNeedsACommentAndSendsTheVersionBackToDraft() {
        long id = newsroom.finnishArticle("Hylätty " + Newsroom.unique());
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));

        assertEquals(400, newsroom.step(newsroom.publisher, id, "fi", "reject").status());
        ApiClient.Reply rejected = require(200, newsroom.step(newsroom.publisher, id, "fi", "reject",
                "comment", "Lähteet puuttuvat."));

        assertEquals("draft", rejected.get("status"));
    }

    @Test
    void theAuthorOfTheWorkingRevisionCannotApproveIt() {
        ApiClient.Reply created = require(201, newsroom.admin.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Omat kädet " + Newsroom.unique())))));
        long id = ((Number) created.get("id")).longValue();
        require(200, newsroom.step(newsroom.admin, id, "fi", "submit"));

        ApiClient.Reply refused = newsroom.step(newsroom.admin, id, "fi", "approve");

        assertEquals(403, refused.status());
        assertTrue(((String) refused.get("detail")).contains("four-eyes"));
        require(200, newsroom.step(newsroom.publisher, id, "fi", "approve"));
    }

    @Test
    void onlyTheSubmitterMayWithdrawASubmission() {
        long id = newsroom.finnishArticle("Peruttu " + Newsroom.unique());
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));
        ApiClient otherEditor = ApiClient.as(client, users, fi.laituri.security.Role.EDITOR);

        assertEquals(403, newsroom.step(otherEditor, id, "fi", "withdraw").status());
        assertEquals("draft", require(200, newsroom.step(newsroom.editor, id, "fi", "withdraw")).get("status"));
    }

    @Test
    void concurrentApprovalsOfOneVersionLetExactlyOneWin() throws Exception {
        long id = newsroom.finnishArticle("Kilpailu " + Newsroom.unique());
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(() -> newsroom.step(newsroom.publisher, id, "fi", "approve").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badTransitionRequestsAreClear4xxAndChangeNothing() {
        long id = newsroom.finnishArticle("Huono pyyntö " + Newsroom.unique());
        require(200, newsroom.step(newsroom.editor, id, "fi", "submit"));
        require(200, newsroom.step(newsroom.publisher, id, "fi", "approve"));

        assertEquals(400, newsroom.step(newsroom.publisher, id, "fi", "launch").status());
        assertEquals(400, newsroom.step(newsroom.publisher, id, "fi", "publish",
                "at", OffsetDateTime.now().minusHours(1).toString()).status());
        assertEquals(400, newsroom.step(newsroom.publisher, id, "xx", "publish").status());
        assertEquals(404, newsroom.step(newsroom.publisher, id, "sv", "publish").status());
        assertEquals(409, newsroom.step(newsroom.publisher, id, "fi", "unpublish").status());

        assertEquals("approved", newsroom.editor.get(variant(id, "fi")).get("status"));
    }

    @Test
    void aTranslatorEditsOnlyTheirLanguagesAndCannotCreateDocuments() {
        long id = newsroom.finnishArticle("Kääntäjä " + Newsroom.unique());
        ApiClient.Reply fi = newsroom.editor.get(variant(id, "fi"));

        ApiClient.Reply refused = newsroom.translator.patch(variant(id, "fi"), Map.of("title", "Muutos"), fi.etag());
        assertEquals(403, refused.status());
        assertTrue(((String) refused.get("detail")).contains("sv"), refused.text());
        assertEquals(403, newsroom.translator.post("/api/v1/documents", Map.of("kind", "article")).status());
        require(201, newsroom.translator.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv", "title", "Översättare " + Newsroom.unique())));
    }
}
