package fi.laituri.participation;

import fi.laituri.TestClock;
import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readers' feedback: the form, the publishers' list, due list and export, and how long it is kept (a test clock). */
@MicronautTest(transactional = false)
class FeedbackTest extends ApiTest {

    private final TestClock clock = new TestClock();

    @Inject
    EmbeddedServer server;

    @Inject
    Retention retention;

    private Readers readers;
    private ApiClient publisher;
    private ApiClient editor;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.participation.rate-limit.burst", "1000", "laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void clients() {
        readers = new Readers(server.getURI());
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    private static Map<String, String> feedback(String category, String message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("lang", "fi");
        form.put("category", category);
        form.put("message", message);
        form.put("name", "");
        form.put("email", "");
        form.put("website", "");
        return form;
    }

    @Test
    void anonymousAccessibilityFeedbackIsDueFourteenDaysOutAndTheOverdueComeFirst() {
        String first = "Kontrasti on heikko " + System.nanoTime();
        Readers.Answer sent = readers.post("/participation/feedback", feedback("accessibility", first));
        clock.advance(Duration.ofDays(20));
        String second = "Kuvista puuttuu tekstivastine " + System.nanoTime();
        readers.post("/participation/feedback", feedback("accessibility", second));

        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.body().contains("Kiitos palautteestasi"), sent.body());
        List<?> due = publisher.get("/api/v1/feedback/due").list();
        List<Object> messages = due.stream().map(d -> ((Map<?, ?>) d).get("message")).filter(m -> m.equals(first) || m.equals(second))
                .map(Object.class::cast).toList();
        assertEquals(List.of(first, second), messages);
        Map<?, ?> overdue = (Map<?, ?>) due.stream().filter(d -> ((Map<?, ?>) d).get("message").equals(first)).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, overdue.get("overdue"));
        assertEquals(null, overdue.get("name"));
        LocalDate sentOn = clock.instant().minus(Duration.ofDays(20)).atZone(ZoneId.of("Europe/Helsinki")).toLocalDate();
        assertEquals(sentOn.plusDays(14).toString(), overdue.get("replyBy"));
    }

    @Test
    void aJsonBodyIsTakenAsTheFormIsAndAnythingElseIsA400() {
        ApiClient anonymous = new ApiClient(client, null);

        ApiClient.Reply taken = anonymous.post("/participation/feedback",
                Map.of("lang", "sv", "category", "content_error", "message", "Fel årtal"));
        ApiClient.Reply array = anonymous.send(io.micronaut.http.HttpMethod.POST, "/participation/feedback", "[1,2",
                "application/json", null);
        ApiClient.Reply nested = anonymous.post("/participation/feedback", Map.of("lang", "fi", "category", List.of("x"),
                "message", Map.of("a", 1)));

        // No Accept asking for JSON: the reader's thank-you page, in Swedish.
        assertEquals(200, taken.status(), taken.text());
        assertTrue(taken.text().contains("Tack för din respons"), taken.text());
        assertEquals(400, array.status(), array.text());
        assertEquals(400, nested.status(), nested.text());
        assertTrue(nested.text().contains("href=\"#feedback-message\""), nested.text());
    }

    @Test
    void feedbackMarkedHandledWithANoteLeavesTheDueListAndIsAudited() {
        String text = "Saavutettavuusongelma " + System.nanoTime();
        readers.post("/participation/feedback", feedback("accessibility", text));
        long id = idOf(text);

        ApiClient.Reply handled = publisher.post("/api/v1/feedback/" + id + "/handled", Map.of("note", "Vastattu sähköpostilla."));

        assertEquals(200, handled.status(), handled.text());
        assertEquals("Vastattu sähköpostilla.", handled.get("note"));
        assertFalse(publisher.get("/api/v1/feedback/due").text().contains(text));
        assertTrue(publisher.get("/api/v1/audit").text().contains("feedback.handled"));
        assertTrue(publisher.get("/api/v1/feedback?handled=true&category=accessibility").text().contains(text));
    }

    @Test
    void theCsvExportQuotesTextAndDisarmsFormulas() {
        String text = "=HYPERLINK(\"http://evil.example\"),\"lainaus\" " + System.nanoTime();
        readers.post("/participation/feedback", feedback("other", text));

        ApiClient.Reply csv = publisher.get("/api/v1/feedback/export?category=other");

        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.text().startsWith("id,created_at,language,category,"), csv.text());
        assertTrue(csv.text().contains("\"'=HYPERLINK(\"\"http://evil.example\"\"),\"\"lainaus\"\" "), csv.text());
    }

    @Test
    void aFormWithoutAMessageComesBackWithTheErrorSummaryAndTheInputKept() {
        Map<String, String> form = feedback("content_error", "");
        form.put("name", "Nimi Säilyy");
        form.put("page", Readers.SITE + "/fi/jokin-sivu/");

        Readers.Answer answer = readers.post("/participation/feedback", form);

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("<a href=\"#feedback-message\">Täytä tämä kenttä.</a>"), answer.body());
        assertTrue(answer.body().contains("value=\"Nimi Säilyy\""), answer.body());
        assertTrue(answer.body().contains("value=\"content_error\" checked"), answer.body());
        assertTrue(answer.body().contains("name=\"page\" value=\"" + Readers.SITE + "/fi/jokin-sivu/\""), answer.body());
    }

    @Test
    void theFormRemembersTheSitePageItCameFromAndDropsAnythingElse() {
        Readers.Answer fromSite = readers.get("/participation/feedback?lang=sv&page=" + Readers.SITE + "/sv/sida/");
        Readers.Answer fromScript = readers.get("/participation/feedback?lang=fi&page=javascript:alert(1)");

        assertEquals(200, fromSite.status());
        assertTrue(fromSite.body().contains("<html lang=\"sv\""), fromSite.body());
        assertTrue(fromSite.body().contains("name=\"page\" value=\"" + Readers.SITE + "/sv/sida/\""), fromSite.body());
        assertFalse(fromScript.body().contains("javascript:"), fromScript.body());
    }

    @Test
    void theRetentionJobDeletesFeedbackAfterTwelveMonthsAndRejectedCommentsAfterThirtyDays() {
        String old = "Vanha palaute " + System.nanoTime();
        readers.post("/participation/feedback", feedback("general", old));
        Map<String, String> post = Readers.publishPost(editor, publisher, "Säilytys " + System.nanoTime());
        long postId = Long.parseLong(post.get("id"));
        readers.post("/participation/comments", Readers.comment(postId, "A", "Hylätään"));
        readers.post("/participation/comments", Readers.comment(postId, "B", "Odottaa"));
        List<?> items = (List<?>) publisher.get("/api/v1/comments?post=" + postId).body().get("items");
        long rejected = ((Number) ((Map<?, ?>) items.get(0)).get("id")).longValue();
        publisher.post("/api/v1/comments/" + rejected + "/reject", Map.of());

        clock.advance(Duration.ofDays(29));
        retention.run();
        assertEquals(2, commentsOn(postId), "a comment rejected 29 days ago is kept");

        clock.advance(Duration.ofDays(2));
        retention.run();
        assertEquals(1, commentsOn(postId), "a comment rejected 31 days ago is gone; the pending one stays");
        assertTrue(publisher.get("/api/v1/feedback?category=general&size=500").text().contains(old));

        clock.advance(Duration.ofDays(366));
        retention.run();
        assertFalse(publisher.get("/api/v1/feedback?category=general&size=500").text().contains(old));
    }

    @Test
    void aDeletedPostTakesItsCommentsWithIt() {
        long postId = Long.parseLong(Readers.publishPost(editor, publisher, "Poistettava " + System.nanoTime()).get("id"));
        readers.post("/participation/comments", Readers.comment(postId, "A", "Kommentti"));
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);

        assertEquals(204, admin.delete("/api/v1/documents/" + postId, "*").status());

        assertEquals(0, commentsOn(postId));
    }

    private int commentsOn(long post) {
        return publisher.get("/api/v1/comments?post=" + post).<Number>get("total").intValue();
    }

    private long idOf(String message) {
        return ((List<?>) publisher.get("/api/v1/feedback?size=500").body().get("items")).stream()
                .map(i -> (Map<?, ?>) i).filter(i -> message.equals(i.get("message")))
                .map(i -> ((Number) i.get("id")).longValue()).findFirst().orElseThrow();
    }
}
