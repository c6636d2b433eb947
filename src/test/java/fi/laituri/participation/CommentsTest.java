package fi.laituri.participation;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers' comments through the service as serve runs it (auto-build on): the form's post, the moderation API, and
 * the static page the approval rebuilds.
 */
@MicronautTest(transactional = false)
class CommentsTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-comments-site-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    EmbeddedServer server;

    @Inject
    SiteBuilder builder;

    private Readers readers;
    private ApiClient editor;
    private ApiClient publisher;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "200ms", "laituri.participation.rate-limit.burst", "1000",
                "laituri.participation.comments.open-for", "90d");
    }

    @BeforeAll
    void aSite() {
        readers = new Readers(server.getURI());
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        builder.build(SITE);
    }

    @Test
    void aCommentIsPendingAndInvisibleUntilAPublisherApprovesItThenItAppearsOnThePostsPage() throws Exception {
        Map<String, String> post = Readers.publishPost(editor, publisher, "Kommentoitava " + System.nanoTime());
        long id = Long.parseLong(post.get("id"));
        Path page = SITE.resolve("current/fi/" + post.get("slug") + "/index.html");
        awaitContaining(page, "comment-form");

        Readers.Answer sent = readers.post("/participation/comments",
                Readers.comment(id, "Lukija Liisa", "Hyvä kirjoitus, kiitos!"));

        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.body().contains("Kiitos kommentistasi"), sent.body());
        ApiClient.Reply pending = publisher.get("/api/v1/comments?post=" + id + "&state=pending");
        assertEquals(1, ((Number) pending.get("total")).intValue(), pending.text());
        assertFalse(read(page).contains("Hyvä kirjoitus, kiitos!"));

        long commentId = ((Number) pending.get("items.0.id")).longValue();
        assertEquals(200, publisher.post("/api/v1/comments/" + commentId + "/approve", Map.of()).status());

        String shown = awaitContaining(page, "Hyvä kirjoitus, kiitos!");
        assertTrue(shown.contains("Lukija Liisa"));
        assertTrue(shown.contains("<time datetime="), "the comment has its date");
    }

    @Test
    void aPublishersReplyIsShownUnderTheApprovedComment() throws Exception {
        Map<String, String> post = Readers.publishPost(editor, publisher, "Vastattava " + System.nanoTime());
        long id = Long.parseLong(post.get("id"));
        assertEquals(200, readers.post("/participation/comments", Readers.comment(id, "Kysyjä", "Milloin seuraava?")).status());
        long commentId = pendingIds(id).get(0);
        publisher.post("/api/v1/comments/" + commentId + "/approve", Map.of());

        assertEquals(200, publisher.put("/api/v1/comments/" + commentId + "/reply",
                Map.of("text", "Syksyllä, kiitos kysymästä."), null).status());

        String shown = awaitContaining(SITE.resolve("current/fi/" + post.get("slug") + "/index.html"), "Syksyllä, kiitos kysymästä.");
        assertTrue(shown.indexOf("Milloin seuraava?") < shown.indexOf("Syksyllä, kiitos kysymästä."));
    }

    @Test
    void everyModerationStepIsInTheAuditLog() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Auditoitava " + System.nanoTime()).get("id"));
        readers.post("/participation/comments", Readers.comment(id, "A", "Yksi"));
        readers.post("/participation/comments", Readers.comment(id, "B", "Kaksi"));
        List<Long> ids = pendingIds(id);

        publisher.post("/api/v1/comments/" + ids.get(0) + "/approve", Map.of());
        publisher.post("/api/v1/comments/" + ids.get(1) + "/reject", Map.of());
        publisher.delete("/api/v1/comments/" + ids.get(0), null);

        String log = publisher.get("/api/v1/audit?document=" + id).text();
        assertTrue(log.contains("comment.approved") && log.contains("comment.rejected") && log.contains("comment.deleted"), log);
    }

    @Test
    void theModerationListIsOldestFirstAndFiltersByState() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Listattava " + System.nanoTime()).get("id"));
        for (String text : List.of("ensimmäinen", "toinen", "kolmas")) {
            readers.post("/participation/comments", Readers.comment(id, "N", text));
        }
        publisher.post("/api/v1/comments/" + pendingIds(id).get(1) + "/approve", Map.of());

        ApiClient.Reply pending = publisher.get("/api/v1/comments?post=" + id + "&lang=fi&state=pending");

        assertEquals(List.of("ensimmäinen", "kolmas"), ((List<?>) pending.body().get("items")).stream()
                .map(i -> ((Map<?, ?>) i).get("text")).toList());
    }

    @Test
    void aCommenterMayGiveAnEmailThatNoOutputShows() throws Exception {
        Map<String, String> post = Readers.publishPost(editor, publisher, "Yksityinen " + System.nanoTime());
        long id = Long.parseLong(post.get("id"));
        Map<String, String> form = Readers.comment(id, "Maija", "Sähköposti ei näy.");
        form.put("email", "maija.salainen@example.fi");
        readers.post("/participation/comments", form);
        long commentId = pendingIds(id).get(0);
        publisher.post("/api/v1/comments/" + commentId + "/approve", Map.of());

        String page = awaitContaining(SITE.resolve("current/fi/" + post.get("slug") + "/index.html"), "Sähköposti ei näy.");
        ApiClient.Reply listed = publisher.get("/api/v1/comments?post=" + id);

        assertFalse(page.contains("maija.salainen"));
        assertFalse(listed.text().contains("maija.salainen"), listed.text());
        assertEquals(Boolean.TRUE, listed.get("items.0.hasEmail"));
        assertFalse(read(SITE.resolve("current/fi/feed.xml")).contains("maija.salainen"));
    }

    @Test
    void aClientAskingForJsonGetsJson() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Json " + System.nanoTime()).get("id"));

        Readers.Answer answer = readers.post("/participation/comments", Readers.comment(id, "Fetch", "Skriptillä."),
                Map.of("Origin", Readers.SITE, "Accept", "application/json"));

        assertEquals(201, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"state\":\"pending\""), answer.body());
        assertEquals(Readers.SITE, answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void aFormWithErrorsComesBackWithASummaryLinkingToTheFieldsAndTheReadersInputKept() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Virheet " + System.nanoTime()).get("id"));
        Map<String, String> form = Readers.comment(id, "", "Teksti <jää> talteen");
        form.put("email", "ei-osoite");

        Readers.Answer answer = readers.post("/participation/comments", form);

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("class=\"error-summary\""), answer.body());
        assertTrue(answer.body().contains("href=\"#comment-name\""), answer.body());
        assertTrue(answer.body().contains("href=\"#comment-email\""), answer.body());
        assertTrue(answer.body().contains("Teksti &lt;jää&gt; talteen"), answer.body());
        assertEquals(0, publisher.get("/api/v1/comments?post=" + id).<Number>get("total").intValue());
    }

    @Test
    void aCommentOverTheLimitsIsRefusedWithA400PageAndNothingStored() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Rajat " + System.nanoTime()).get("id"));

        Readers.Answer links = readers.post("/participation/comments", Readers.comment(id, "Spam",
                "https://a.example/ https://b.example/ https://c.example/"));
        Readers.Answer longText = readers.post("/participation/comments", Readers.comment(id, "Pitkä", "x".repeat(3001)));
        Readers.Answer longName = readers.post("/participation/comments", Readers.comment(id, "n".repeat(101), "Lyhyt"));

        assertEquals(List.of(400, 400, 400), List.of(links.status(), longText.status(), longName.status()));
        assertTrue(links.body().contains("liikaa linkkejä"), links.body());
        assertEquals(0, publisher.get("/api/v1/comments?post=" + id).<Number>get("total").intValue());
    }

    @Test
    void theRobotsTrapFilledIsRefusedAndNothingStored() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Ansa " + System.nanoTime()).get("id"));
        Map<String, String> form = Readers.comment(id, "Botti", "Osta halvalla");
        form.put("website", "http://spam.example/");

        Readers.Answer answer = readers.post("/participation/comments", form);

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Viestiä ei voitu lähettää"), answer.body());
        assertEquals(0, publisher.get("/api/v1/comments?post=" + id).<Number>get("total").intValue());
    }

    @Test
    void aPostFromAnotherSitesPageIsRefused() {
        long id = Long.parseLong(Readers.publishPost(editor, publisher, "Csrf " + System.nanoTime()).get("id"));

        Readers.Answer byOrigin = readers.post("/participation/comments", Readers.comment(id, "X", "Toiselta sivulta"),
                Map.of("Origin", "http://evil.example"));
        Readers.Answer byReferer = readers.post("/participation/comments", Readers.comment(id, "X", "Toiselta sivulta"),
                Map.of("Referer", "http://evil.example/page"));
        Readers.Answer nullOrigin = readers.post("/participation/comments", Readers.comment(id, "X", "Toiselta sivulta"),
                Map.of("Origin", "null"));

        assertEquals(List.of(403, 403, 403), List.of(byOrigin.status(), byReferer.status(), nullOrigin.status()));
        assertEquals(0, publisher.get("/api/v1/comments?post=" + id).<Number>get("total").intValue());
    }

    @Test
    void aPostWhoseCommentsArePublisherTurnedOffShowsNoFormAndTakesNoComment() throws Exception {
        Map<String, String> post = Readers.publishPost(editor, publisher, "Suljettu " + System.nanoTime());
        long id = Long.parseLong(post.get("id"));
        Path page = SITE.resolve("current/fi/" + post.get("slug") + "/index.html");
        awaitContaining(page, "comment-form");

        assertEquals(200, publisher.put("/api/v1/comments/posts/" + id, Map.of("open", false), null).status());
        awaitContaining(page, "comments-closed");
        Readers.Answer answer = readers.post("/participation/comments", Readers.comment(id, "Myöhäinen", "Vielä ehdin?"));

        assertEquals(409, answer.status());
        assertTrue(answer.body().contains("kommentointi on päättynyt tai suljettu"), answer.body());
    }

    @Test
    void anArticleTakesNoCommentsAsItsKindIsNotConfiguredForThem() {
        long id = Long.parseLong(ApiClient.publishNewArticle(editor, publisher, "Artikkeli " + System.nanoTime(), "Teksti.")
                .<Object>get("id").toString());

        Readers.Answer answer = readers.post("/participation/comments", Readers.comment(id, "Lukija", "Kommentti"));

        assertEquals(409, answer.status());
    }

    @Test
    void commentsCloseAfterTheConfiguredTime() {
        // A post dated long ago: older than laituri.participation.comments.open-for (90 days).
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "blog_post", "variants",
                List.of(Map.of("language", "fi", "title", "Vanha " + System.nanoTime(), "body", "Teksti.",
                        "date", "2020-01-01T09:00:00+02:00"))));
        String transitions = "/api/v1/documents/" + created.get("id") + "/variants/fi/transitions";
        editor.post(transitions, Map.of("action", "submit"));
        publisher.post(transitions, Map.of("action", "approve"));
        assertEquals(200, publisher.post(transitions, Map.of("action", "publish")).status());

        Readers.Answer answer = readers.post("/participation/comments",
                Readers.comment(((Number) created.get("id")).longValue(), "Lukija", "Myöhässä"));

        assertEquals(409, answer.status());
    }

    private List<Long> pendingIds(long post) {
        ApiClient.Reply reply = publisher.get("/api/v1/comments?state=pending&post=" + post);
        return ((List<?>) reply.body().get("items")).stream().map(i -> ((Number) ((Map<?, ?>) i).get("id")).longValue()).toList();
    }

    /** The page once it holds {@code text}: the build the change started has run (at most 15 s, usually well under one). */
    static String awaitContaining(Path page, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            String html = Files.isRegularFile(page) ? read(page) : "";
            if (html.contains(text)) {
                return html;
            }
            assertTrue(System.nanoTime() < deadline, page + " did not come to contain " + text + " within 15 s");
            Thread.sleep(20);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
