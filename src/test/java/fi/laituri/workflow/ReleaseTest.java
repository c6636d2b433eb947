package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static fi.laituri.workflow.Newsroom.require;
import static fi.laituri.workflow.Newsroom.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ReleaseTest extends ApiTest {

    Newsroom newsroom;

    @BeforeAll
    void staff() {
        newsroom = new Newsroom(client, users);
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.interval", "200ms");
    }

    /** A document with fi and sv versions; returns its id. */
    private long bilingual(String title) {
        long id = newsroom.finnishArticle(title + " " + Newsroom.unique());
        require(201, newsroom.translator.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv", "title", "Sv " + title + " " + Newsroom.unique())));
        return id;
    }

    private long release(long id, String... languages) {
        List<Map<String, Object>> members = java.util.Arrays.stream(languages)
                .map(l -> Map.<String, Object>of("documentId", id, "language", l)).toList();
        ApiClient.Reply created = require(201, newsroom.publisher.post("/api/v1/releases",
                Map.of("name", "Julkaisu " + Newsroom.unique(), "members", members)));
        return ((Number) created.get("id")).longValue();
    }

    private Object live(long id, String language) {
        return newsroom.editor.get(variant(id, language)).get("liveRevision");
    }

    @Test
    void aReleasePublishesAllItsMembersTogether() {
        long id = bilingual("Yhdessä");
        newsroom.approve(id, "fi");
        newsroom.approve(id, "sv");
        long release = release(id, "fi", "sv");

        ApiClient.Reply published = require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish", Map.of()));

        assertEquals("published", published.get("status"));
        assertEquals(1, ((Number) live(id, "fi")).intValue());
        assertEquals(1, ((Number) live(id, "sv")).intValue());
    }

    @Test
    void oneMemberThatIsNotApprovedLeavesEveryMemberAsItWasAndSaysWhy() {
        long id = bilingual("Ei valmis");
        newsroom.approve(id, "fi");
        long release = release(id, "fi", "sv");

        ApiClient.Reply refused = newsroom.publisher.post("/api/v1/releases/" + release + "/publish", Map.of());

        assertEquals(409, refused.status());
        assertTrue(((String) refused.get("detail")).contains("sv version of document " + id + " is draft"), refused.text());
        assertNull(live(id, "fi"));
        assertEquals("approved", newsroom.editor.get(variant(id, "fi")).get("status"));
        assertEquals("pending", newsroom.publisher.get("/api/v1/releases/" + release).get("status"));
    }

    @Test
    void aScheduledReleaseGoesLiveAtItsTime() throws Exception {
        long id = bilingual("Ajastettu julkaisu");
        newsroom.approve(id, "fi");
        newsroom.approve(id, "sv");
        long release = release(id, "fi", "sv");

        require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish",
                Map.of("at", OffsetDateTime.now().plusSeconds(2).toString())));
        assertNull(live(id, "fi"));

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!"published".equals(newsroom.publisher.get("/api/v1/releases/" + release).get("status"))) {
            assertTrue(System.nanoTime() < deadline, "the release did not go live within 20 s");
            Thread.sleep(100);
        }
        assertEquals(1, ((Number) live(id, "fi")).intValue());
        assertEquals(1, ((Number) live(id, "sv")).intValue());
    }

    @Test
    void aScheduledReleaseThatCannotGoLiveIsMarkedFailedWithTheReason() throws Exception {
        long id = bilingual("Epäonnistuva");
        newsroom.approve(id, "fi");
        long release = release(id, "fi", "sv");

        require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish",
                Map.of("at", OffsetDateTime.now().plusSeconds(1).toString())));

        long deadline = System.nanoTime() + 20_000_000_000L;
        ApiClient.Reply r;
        while (!"failed".equals((r = newsroom.publisher.get("/api/v1/releases/" + release)).get("status"))) {
            assertTrue(System.nanoTime() < deadline, "the release was not marked failed within 20 s");
            Thread.sleep(100);
        }
        assertTrue(((String) r.get("failure")).contains("sv version"), r.text());
        assertNull(live(id, "fi"));
    }

    @Test
    void aReleaseWithAVersionThatDoesNotExistIsA400NamingTheMember() {
        long id = newsroom.finnishArticle("Yksikielinen " + Newsroom.unique());

        ApiClient.Reply refused = newsroom.publisher.post("/api/v1/releases", Map.of("name", "Puuttuva",
                "members", List.of(Map.of("documentId", id, "language", "fi"), Map.of("documentId", id, "language", "sv"))));

        assertEquals(400, refused.status());
        assertTrue(refused.text().contains("members[1]"), refused.text());
    }

    @Test
    void aVersionAddedToAReleaseGoesLiveWithIt() {
        long id = bilingual("Lisätty");
        newsroom.approve(id, "fi");
        newsroom.approve(id, "sv");
        long release = release(id, "fi");

        ApiClient.Reply added = require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/members",
                Map.of("documentId", id, "language", "sv")));
        require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish", Map.of()));

        assertEquals(2, ((List<?>) added.get("members")).size());
        assertEquals(1, ((Number) live(id, "sv")).intValue());
    }

    @Test
    void addingAVersionTwiceIsA409AndAVersionThatDoesNotExistA400() {
        long id = newsroom.finnishArticle("Kahdesti " + Newsroom.unique());
        long release = release(id, "fi");

        assertEquals(409, newsroom.publisher.post("/api/v1/releases/" + release + "/members",
                Map.of("documentId", id, "language", "fi")).status());
        assertEquals(400, newsroom.publisher.post("/api/v1/releases/" + release + "/members",
                Map.of("documentId", id, "language", "sv")).status());
        assertEquals(1, ((List<?>) newsroom.publisher.get("/api/v1/releases/" + release).get("members")).size());
    }

    @Test
    void aVersionTakenOutOfAReleaseStaysAsItWasWhenTheReleaseIsPublished() {
        long id = bilingual("Pois");
        newsroom.approve(id, "fi");
        newsroom.approve(id, "sv");
        long release = release(id, "fi", "sv");

        ApiClient.Reply removed = require(200, newsroom.publisher.delete("/api/v1/releases/" + release + "/members/" + id + "/sv", null));
        require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish", Map.of()));

        assertEquals(1, ((List<?>) removed.get("members")).size());
        assertNull(live(id, "sv"));
        assertEquals(1, ((Number) live(id, "fi")).intValue());
    }

    @Test
    void theLastVersionOfAReleaseCannotBeTakenOutAnAbsentOneIs404AndAPublishedReleaseNotChanged() {
        long id = newsroom.finnishArticle("Viimeinen " + Newsroom.unique());
        newsroom.approve(id, "fi");
        long release = release(id, "fi");

        assertEquals(409, newsroom.publisher.delete("/api/v1/releases/" + release + "/members/" + id + "/fi", null).status());
        assertEquals(404, newsroom.publisher.delete("/api/v1/releases/" + release + "/members/" + id + "/sv", null).status());
        require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish", Map.of()));
        assertEquals(409, newsroom.publisher.post("/api/v1/releases/" + release + "/members",
                Map.of("documentId", newsroom.finnishArticle("Myöhässä " + Newsroom.unique()), "language", "fi")).status());
        assertEquals(409, newsroom.publisher.delete("/api/v1/releases/" + release + "/members/" + id + "/fi", null).status());
    }

    @Test
    void anUnscheduledReleaseIsPendingAgainAndDoesNotGoLiveAtItsTime() throws InterruptedException {
        long id = newsroom.finnishArticle("Peruttu " + Newsroom.unique());
        newsroom.approve(id, "fi");
        long release = release(id, "fi");
        require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/publish",
                Map.of("at", OffsetDateTime.now().plusSeconds(2).toString())));

        ApiClient.Reply unscheduled = require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/unschedule", Map.of()));
        Thread.sleep(3000);

        assertEquals("pending", unscheduled.get("status"));
        assertNull(unscheduled.get("publishAt"));
        assertEquals("pending", newsroom.publisher.get("/api/v1/releases/" + release).get("status"));
        assertNull(live(id, "fi"));
    }

    @Test
    void editorsCannotChangeAReleasesMembersNorItsSchedule() {
        long id = newsroom.finnishArticle("Toimittaja " + Newsroom.unique());
        long release = release(id, "fi");

        assertEquals(403, newsroom.editor.post("/api/v1/releases/" + release + "/members",
                Map.of("documentId", id, "language", "fi")).status());
        assertEquals(403, newsroom.editor.delete("/api/v1/releases/" + release + "/members/" + id + "/fi", null).status());
        assertEquals(403, newsroom.editor.post("/api/v1/releases/" + release + "/unschedule", Map.of()).status());
    }

    @Test
    void editorsCannotPublishReleases() {
        assertEquals(403, newsroom.editor.post("/api/v1/releases", Map.of("name", "x",
                "members", List.of(Map.of("documentId", 1, "language", "fi")))).status());
    }
}
