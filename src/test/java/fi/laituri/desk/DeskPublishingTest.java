package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.content.Documents;
import fi.laituri.participation.Comments;
import fi.laituri.participation.Feedbacks;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import fi.laituri.workflow.Releases;
import fi.laituri.workflow.Transitions;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fi.laituri.desk.DeskHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's publishing pages over HTTP: releases, the schedule, comment moderation, feedback and preview links;
 * who may use them, forms without the CSRF token, and input no form would send.
 */
@MicronautTest(transactional = false)
class DeskPublishingTest extends ApiTest {

    private static final String PASSWORD = "pitkä salasana 1";
    private static final ZoneId ZONE = ZoneId.of("Europe/Helsinki");

    @Inject
    EmbeddedServer server;

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    Transitions transitions;

    @Inject
    Releases releases;

    @Inject
    Comments comments;

    @Inject
    Feedbacks feedbacks;

    private PublishingDeskWorld world;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.participation.rate-limit.burst", "1000", "laituri.time-zone", "Europe/Helsinki");
    }

    @BeforeAll
    void staff() {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"pekka", "publisher"},
                new String[]{"tiina", "translator"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), u[1].equals("translator") ? List.of("sv") : List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
        world = new PublishingDeskWorld(documents, transitions, server.getURI(), "http://localhost:8080");
    }

    private DeskHttp as(String name) {
        DeskHttp desk = new DeskHttp(server.getURL().toString());
        desk.signIn(name, PASSWORD);
        return desk;
    }

    private static String unique(String text) {
        return text + " " + System.nanoTime();
    }

    private static long idIn(HttpResponse<String> reply, String prefix) {
        String location = reply.headers().firstValue("Location").orElseThrow(() -> new AssertionError(reply.statusCode()
                + " " + reply.body()));
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(location);
        assertTrue(m.find(), location);
        return Long.parseLong(m.group(1));
    }

    private long newRelease(DeskHttp pekka, String name, long document) {
        HttpResponse<String> created = pekka.post("/desk/releases", form("csrf", pekka.csrf("/desk/"), "name", name,
                "version", document + "/fi"));
        assertEquals(303, created.statusCode(), created.body());
        return idIn(created, "/desk/releases/");
    }

    // --- releases ---

    @Test
    void aPublisherMakesAReleaseAddsAVersionAndPublishesBothTogether() {
        DeskHttp pekka = as("pekka");
        long first = world.approved(unique("Ensimmäinen"));
        long second = world.approved(unique("Toinen"));
        String name = unique("Joulupaketti");
        assertTrue(pekka.get("/desk/releases").body().contains(first + "/fi"));

        long release = newRelease(pekka, name, first);
        HttpResponse<String> added = pekka.post("/desk/releases/" + release + "/members",
                form("csrf", pekka.csrf("/desk/"), "version", second + "/fi"));
        HttpResponse<String> page = pekka.get("/desk/releases/" + release);
        HttpResponse<String> published = pekka.post("/desk/releases/" + release + "/publish", form("csrf", pekka.csrf("/desk/")));

        assertEquals(303, added.statusCode(), added.body());
        assertTrue(page.body().contains(name), page.body());
        assertEquals(303, published.statusCode(), published.body());
        assertEquals("published", releases.get(release).status());
        assertNotNull(documents.getVariant(first, "fi").liveRevision());
        assertNotNull(documents.getVariant(second, "fi").liveRevision());
        assertTrue(pekka.get("/desk/releases").body().contains(name));
    }

    @Test
    void aVersionTakenOutOfAReleaseIsNotPublishedWithIt() {
        DeskHttp pekka = as("pekka");
        long kept = world.approved(unique("Mukana"));
        long out = world.approved(unique("Pois"));
        long release = newRelease(pekka, unique("Paketti"), kept);
        pekka.post("/desk/releases/" + release + "/members", form("csrf", pekka.csrf("/desk/"), "version", out + "/fi"));

        HttpResponse<String> removed = pekka.post("/desk/releases/" + release + "/members/remove",
                form("csrf", pekka.csrf("/desk/"), "version", out + "/fi"));
        pekka.post("/desk/releases/" + release + "/publish", form("csrf", pekka.csrf("/desk/")));

        assertEquals(303, removed.statusCode(), removed.body());
        assertNotNull(documents.getVariant(kept, "fi").liveRevision());
        assertNull(documents.getVariant(out, "fi").liveRevision());
    }

    @Test
    void aReleaseWithAMemberNotApprovedIsRefusedWithTheReasonAndNothingGoesLive() {
        DeskHttp pekka = as("pekka");
        long ready = world.approved(unique("Valmis"));
        long release = newRelease(pekka, unique("Keskeneräinen"), ready);
        long draft = documents.createDocument(new fi.laituri.content.Api.CreateDocument("article", null, List.of(
                new fi.laituri.content.Api.VariantInput("fi", unique("Luonnos"), null, null, "x", null, null, null))),
                PublishingDeskWorld.EDITOR).id();
        releases.addMember(release, new Releases.Member(draft, "fi"), PublishingDeskWorld.PUBLISHER);

        HttpResponse<String> refused = pekka.post("/desk/releases/" + release + "/publish", form("csrf", pekka.csrf("/desk/")));

        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("not approved"), refused.body());
        assertNull(documents.getVariant(ready, "fi").liveRevision());
        assertEquals("pending", releases.get(release).status());
    }

    @Test
    void aReleaseWithoutANameOrWithAVersionNoFormOffersIs400AndNothingIsMade() {
        DeskHttp pekka = as("pekka");
        long doc = world.approved(unique("Nimetön"));
        int before = releases.list().size();

        HttpResponse<String> noName = pekka.post("/desk/releases", form("csrf", pekka.csrf("/desk/"), "name", " ",
                "version", doc + "/fi"));
        HttpResponse<String> garbage = pekka.post("/desk/releases", form("csrf", pekka.csrf("/desk/"), "name", "x",
                "version", "abc/fi"));
        HttpResponse<String> unknownLanguage = pekka.post("/desk/releases", form("csrf", pekka.csrf("/desk/"), "name", "x",
                "version", doc + "/xx"));
        HttpResponse<String> noSuchVersion = pekka.post("/desk/releases", form("csrf", pekka.csrf("/desk/"), "name", "x",
                "version", doc + "/sv"));

        assertEquals(400, noName.statusCode());
        assertEquals(400, garbage.statusCode());
        assertEquals(400, unknownLanguage.statusCode());
        assertEquals(400, noSuchVersion.statusCode());
        assertTrue(noName.body().contains("name="), "the form is kept");
        assertEquals(before, releases.list().size());
    }

    @Test
    void schedulingWithoutATimeOrInThePastIs400AndTheReleaseStaysWaiting() {
        DeskHttp pekka = as("pekka");
        long release = newRelease(pekka, unique("Aikataulutta"), world.approved(unique("Odottaa")));

        HttpResponse<String> noTime = pekka.post("/desk/releases/" + release + "/schedule", form("csrf", pekka.csrf("/desk/"), "at", ""));
        HttpResponse<String> badTime = pekka.post("/desk/releases/" + release + "/schedule", form("csrf", pekka.csrf("/desk/"), "at", "huomenna"));
        HttpResponse<String> past = pekka.post("/desk/releases/" + release + "/schedule", form("csrf", pekka.csrf("/desk/"), "at", "2020-01-01T10:00"));

        assertEquals(400, noTime.statusCode());
        assertEquals(400, badTime.statusCode());
        assertEquals(400, past.statusCode());
        assertEquals("pending", releases.get(release).status());
    }

    // --- the schedule ---

    @Test
    void theScheduleListsAReleaseAndAVersionUnderTheirDayInTheSitesTimeZoneAndCancelsThem() {
        DeskHttp pekka = as("pekka");
        LocalDate day = LocalDate.now(ZONE).plusDays(3);
        String releaseName = unique("Ajastettu paketti");
        long release = newRelease(pekka, releaseName, world.approved(unique("Paketissa")));
        HttpResponse<String> scheduled = pekka.post("/desk/releases/" + release + "/schedule",
                form("csrf", pekka.csrf("/desk/"), "at", day + "T09:30"));
        String title = unique("Ajastettu juttu");
        long version = world.approved(title);
        transitions.apply(version, "fi", "publish", null, day.plusDays(1).atTime(0, 15).atZone(ZONE).toOffsetDateTime(),
                PublishingDeskWorld.PUBLISHER);

        String page = pekka.get("/desk/schedule").body();

        assertEquals(303, scheduled.statusCode(), scheduled.body());
        int releaseDay = page.indexOf("id=\"day-" + day + "\"");
        int versionDay = page.indexOf("id=\"day-" + day.plusDays(1) + "\"");
        assertTrue(releaseDay > 0 && versionDay > releaseDay, page);
        assertTrue(page.indexOf(releaseName) > releaseDay && page.indexOf(releaseName) < versionDay, page);
        assertTrue(page.indexOf("09:30") > releaseDay && page.indexOf("09:30") < versionDay, page);
        assertTrue(page.indexOf(title) > versionDay && page.indexOf("00:15") > versionDay, page);

        HttpResponse<String> cancelRelease = pekka.post("/desk/releases/" + release + "/unschedule",
                form("csrf", pekka.csrf("/desk/"), "back", "schedule"));
        HttpResponse<String> cancelVersion = pekka.post("/desk/schedule/cancel",
                form("csrf", pekka.csrf("/desk/"), "document", Long.toString(version), "language", "fi"));

        assertEquals("/desk/schedule?done=unscheduled", cancelRelease.headers().firstValue("Location").orElseThrow());
        assertEquals(303, cancelVersion.statusCode(), cancelVersion.body());
        assertEquals("pending", releases.get(release).status());
        assertNull(documents.getVariant(version, "fi").publishAt());
        String after = pekka.get("/desk/schedule").body();
        assertFalse(after.contains(releaseName));
        assertFalse(after.contains(title));
    }

    @Test
    void cancellingWhatIsNotScheduledOrNamingNoDocumentIsRefusedAndChangesNothing() {
        DeskHttp pekka = as("pekka");
        long doc = world.approved(unique("Ei ajastettu"));

        HttpResponse<String> nothing = pekka.post("/desk/schedule/cancel", form("csrf", pekka.csrf("/desk/"),
                "document", Long.toString(doc), "language", "fi"));
        HttpResponse<String> noDocument = pekka.post("/desk/schedule/cancel", form("csrf", pekka.csrf("/desk/"),
                "document", "x", "language", "fi"));

        assertEquals(409, nothing.statusCode());
        assertEquals(400, noDocument.statusCode());
        assertEquals("approved", documents.getVariant(doc, "fi").status());
    }

    // --- comments ---

    @Test
    void aPublisherApprovesRejectsAndDeletesPendingCommentsFromTheQueue() {
        DeskHttp pekka = as("pekka");
        String postTitle = unique("Kommentoitava");
        long post = world.publishedPost(postTitle);
        String text = unique("Hyvä kirjoitus");
        for (String name : List.of("Aino", "Bertta", "Cecilia")) {
            world.comment(post, name, text + " " + name);
        }
        List<Comments.CommentView> pending = comments.list(new Comments.Query(post, null, "pending", 1, 10)).items();
        String queue = pekka.get("/desk/comments").body();
        assertTrue(queue.contains(text + " Aino") && queue.contains(text + " Cecilia"), queue);
        assertTrue(queue.contains(postTitle), "each comment names its post");

        HttpResponse<String> approved = pekka.post("/desk/comments/" + pending.get(0).id() + "/approve", form("csrf", pekka.csrf("/desk/")));
        HttpResponse<String> rejected = pekka.post("/desk/comments/" + pending.get(1).id() + "/reject", form("csrf", pekka.csrf("/desk/")));
        HttpResponse<String> deleted = pekka.post("/desk/comments/" + pending.get(2).id() + "/delete", form("csrf", pekka.csrf("/desk/")));

        assertEquals(303, approved.statusCode(), approved.body());
        assertEquals(303, rejected.statusCode());
        assertEquals(303, deleted.statusCode());
        assertEquals(List.of("approved", "rejected"), comments.list(new Comments.Query(post, null, null, 1, 10)).items()
                .stream().map(Comments.CommentView::state).toList());
        assertFalse(pekka.get("/desk/comments").body().contains(text));
    }

    @Test
    void aStepNoCommentHasOrACommentThatIsNotThereIs404() {
        DeskHttp pekka = as("pekka");
        long post = world.publishedPost(unique("Kommentti"));
        world.comment(post, "Daniel", unique("Odottaa"));
        long id = comments.list(new Comments.Query(post, null, "pending", 1, 10)).items().get(0).id();

        assertEquals(404, pekka.post("/desk/comments/" + id + "/publish", form("csrf", pekka.csrf("/desk/"))).statusCode());
        assertEquals(404, pekka.post("/desk/comments/999999999/approve", form("csrf", pekka.csrf("/desk/"))).statusCode());
        assertEquals("pending", comments.list(new Comments.Query(post, null, null, 1, 10)).items().get(0).state());
    }

    @Test
    void aPublisherRepliesToAnApprovedCommentFromTheApprovedListAndAnEmptyReplyTakesItAway() {
        DeskHttp pekka = as("pekka");
        long post = world.publishedPost(unique("Vastattava"));
        String text = unique("Kysymys");
        world.comment(post, "Eino", text);
        long id = comments.list(new Comments.Query(post, null, "pending", 1, 10)).items().get(0).id();
        assertFalse(pekka.get("/desk/comments?state=approved").body().contains(text), "only approved comments are listed");
        pekka.post("/desk/comments/" + id + "/approve", form("csrf", pekka.csrf("/desk/")));
        assertTrue(pekka.get("/desk/comments?state=approved").body().contains(text));

        HttpResponse<String> replied = pekka.post("/desk/comments/" + id + "/reply",
                form("csrf", pekka.csrf("/desk/"), "reply", "Kiitos <b>kysymyksestä</b>."));
        assertEquals(303, replied.statusCode(), replied.body());
        assertEquals("/desk/comments?state=approved&done=replied", replied.headers().firstValue("Location").orElseThrow());
        Comments.CommentView answered = comments.list(new Comments.Query(post, null, null, 1, 10)).items().get(0);
        assertEquals("Kiitos <b>kysymyksestä</b>.", answered.reply());
        assertEquals("pekka", answered.replyBy());
        String page = pekka.get("/desk/comments?state=approved").body();
        assertTrue(page.contains("Kiitos &lt;b&gt;kysymyksestä&lt;/b&gt;."), "the reply is in its form, escaped");

        pekka.post("/desk/comments/" + id + "/reply", form("csrf", pekka.csrf("/desk/"), "reply", "  "));
        assertNull(comments.list(new Comments.Query(post, null, null, 1, 10)).items().get(0).reply());
    }

    @Test
    void aReplyTooLongOrWithoutTheFormsTokenChangesNothing() {
        DeskHttp pekka = as("pekka");
        long post = world.publishedPost(unique("Vastaamaton"));
        world.comment(post, "Elli", unique("Kommentti"));
        long id = comments.list(new Comments.Query(post, null, "pending", 1, 10)).items().get(0).id();
        pekka.post("/desk/comments/" + id + "/approve", form("csrf", pekka.csrf("/desk/")));

        HttpResponse<String> tooLong = pekka.post("/desk/comments/" + id + "/reply",
                form("csrf", pekka.csrf("/desk/"), "reply", "x".repeat(5001)));
        HttpResponse<String> noToken = pekka.post("/desk/comments/" + id + "/reply", form("reply", "Ilman lomaketta"));
        DeskHttp eeva = as("eeva");
        HttpResponse<String> byEditor = eeva.post("/desk/comments/" + id + "/reply",
                form("csrf", eeva.csrf("/desk/"), "reply", "Toimittajalta"));

        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(403, noToken.statusCode());
        assertEquals(403, byEditor.statusCode());
        assertNull(comments.list(new Comments.Query(post, null, null, 1, 10)).items().get(0).reply());
        assertEquals(404, pekka.post("/desk/comments/999999999/reply", form("csrf", pekka.csrf("/desk/"), "reply", "Hei"))
                .statusCode());
    }

    // --- feedback ---

    @Test
    void openFeedbackIsListedOldestFirstAndMarkedHandledWithANote() {
        DeskHttp pekka = as("pekka");
        String older = unique("Vanhempi palaute");
        String newer = unique("Uudempi palaute");
        world.feedback("accessibility", older);
        world.feedback("general", newer);
        long id = feedbacks.open().stream().filter(f -> f.message().equals(older)).findFirst().orElseThrow().id();

        String list = pekka.get("/desk/feedback").body();
        String one = pekka.get("/desk/feedback/" + id).body();
        HttpResponse<String> handled = pekka.post("/desk/feedback/" + id + "/handled",
                form("csrf", pekka.csrf("/desk/"), "note", "Vastattu sähköpostilla"));

        assertTrue(list.indexOf(older) > 0 && list.indexOf(older) < list.indexOf(newer), list);
        assertTrue(one.contains(older), one);
        assertEquals(303, handled.statusCode(), handled.body());
        assertEquals("Vastattu sähköpostilla", feedbacks.get(id).note());
        assertEquals("pekka", feedbacks.get(id).handledBy());
        String after = pekka.get("/desk/feedback").body();
        assertTrue(after.indexOf(newer) < after.indexOf("id=\"handled-feedback\""), "still open");
        assertTrue(after.indexOf(older) > after.indexOf("id=\"handled-feedback\""), "now handled");
    }

    @Test
    void theFeedbackDownloadsAsCsvAsABrowserAsksForIt() throws Exception {
        DeskHttp pekka = as("pekka");
        String message = unique("CSV-palaute");
        world.feedback("other", message);

        HttpResponse<String> csv = asBrowserAsks(pekka, "/desk/feedback.csv");

        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains("feedback.csv"));
        assertTrue(csv.body().startsWith("id,created_at"), csv.body());
        assertTrue(csv.body().contains(message));
    }

    @Test
    void aNoteTooLongOrFeedbackThatIsNotThereIsRefusedAndNothingIsHandled() {
        DeskHttp pekka = as("pekka");
        String message = unique("Pitkä merkintä");
        world.feedback("general", message);
        long id = feedbacks.open().stream().filter(f -> f.message().equals(message)).findFirst().orElseThrow().id();

        HttpResponse<String> tooLong = pekka.post("/desk/feedback/" + id + "/handled", form("csrf", pekka.csrf("/desk/"),
                "note", "x".repeat(5001)));

        assertEquals(400, tooLong.statusCode());
        assertNull(feedbacks.get(id).handledAt());
        assertEquals(404, pekka.get("/desk/feedback/999999999").statusCode());
        assertEquals(404, pekka.post("/desk/feedback/999999999/handled", form("csrf", pekka.csrf("/desk/"))).statusCode());
    }

    /** A GET with the Accept header of a browser's link, which takes any type (the CSV download). */
    private HttpResponse<String> asBrowserAsks(DeskHttp who, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Cookie", "laituri_desk=" + who.cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- preview links ---

    @Test
    void anEditorMakesAPreviewLinkThatWorksForAReviewerUntilRevoked() {
        DeskHttp eeva = as("eeva");
        long doc = world.approved(unique("Esikatsottava"));
        String path = "/desk/documents/" + doc + "/fi/preview-links";
        assertTrue(eeva.get("/desk/documents/" + doc).body().contains(path));

        HttpResponse<String> created = eeva.post(path, form("csrf", eeva.csrf(path), "days", "3"));
        Matcher url = Pattern.compile("value=\"(http[^\"]+/preview/[A-Za-z0-9_-]+)\"").matcher(created.body());

        assertEquals(201, created.statusCode(), created.body());
        assertTrue(url.find(), created.body());
        assertTrue(url.group(1).startsWith(server.getURL().toString()), url.group(1));
        assertEquals(200, world.status(url.group(1)));
        assertEquals(1, linkIds(eeva.get(path).body()).size());

        HttpResponse<String> revoked = eeva.post(path + "/" + linkIds(eeva.get(path).body()).get(0) + "/revoke",
                form("csrf", eeva.csrf(path)));

        assertEquals(303, revoked.statusCode(), revoked.body());
        assertEquals(404, world.status(url.group(1)));
        assertTrue(linkIds(eeva.get(path).body()).isEmpty());
    }

    private static List<String> linkIds(String page) {
        return Pattern.compile("preview-links/(\\d+)/revoke").matcher(page).results().map(m -> m.group(1)).toList();
    }

    @Test
    void aPreviewLinkForNoDaysOrTooManyIs400AndNoLinkIsMade() {
        DeskHttp eeva = as("eeva");
        long doc = world.approved(unique("Ei linkkiä"));
        String path = "/desk/documents/" + doc + "/fi/preview-links";

        for (String days : List.of("0", "91", "viikko", "")) {
            assertEquals(400, eeva.post(path, form("csrf", eeva.csrf(path), "days", days)).statusCode(), days);
        }
        assertTrue(eeva.get(path).body().contains("id=\"links\""));
        assertTrue(linkIds(eeva.get(path).body()).isEmpty());
        assertEquals(404, eeva.get("/desk/documents/" + doc + "/xx/preview-links").statusCode());
        assertEquals(404, eeva.get("/desk/documents/999999999/fi/preview-links").statusCode());
    }

    // --- who may ---

    @Test
    void anEditorGetsA403PageForEveryPublishingPage() throws Exception {
        DeskHttp eeva = as("eeva");
        long release = releases.create(unique("Ei toimittajille"), List.of(new Releases.Member(world.approved(unique("R")), "fi")),
                PublishingDeskWorld.PUBLISHER).id();

        for (String page : List.of("/desk/releases", "/desk/releases/" + release, "/desk/schedule", "/desk/comments",
                "/desk/feedback")) {
            HttpResponse<String> refused = eeva.get(page);
            assertEquals(403, refused.statusCode(), page);
            assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), page);
        }
        assertEquals(403, asBrowserAsks(eeva, "/desk/feedback.csv").statusCode());
        assertEquals(403, eeva.post("/desk/releases/" + release + "/publish", form("csrf", eeva.csrf("/desk/"))).statusCode());
        assertEquals("pending", releases.get(release).status());
        assertFalse(eeva.get("/desk/").body().contains("/desk/releases"), "no link to what they may not use");
    }

    @Test
    void aTranslatorMakesNoPreviewLinkOfALanguageTheyDoNotWorkIn() {
        DeskHttp tiina = as("tiina");
        long doc = world.approved(unique("Suomeksi"));
        String path = "/desk/documents/" + doc + "/fi/preview-links";

        assertEquals(403, tiina.get(path).statusCode());
        assertEquals(403, tiina.post(path, form("csrf", tiina.csrf("/desk/"), "days", "3")).statusCode());
    }

    @Test
    void aScriptThatAsksForJsonIsRefusedWithAProblemDocument() throws Exception {
        DeskHttp eeva = as("eeva");

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/desk/releases")).header("Accept", "application/json, */*;q=0.1")
                .header("Cookie", "laituri_desk=" + eeva.cookie).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"),
                refused.headers().map().toString());
    }

    // --- forms without the token ---

    @Test
    void everyPublishingFormWithoutTheCsrfTokenIs403AndChangesNothing() {
        DeskHttp pekka = as("pekka");
        long doc = world.approved(unique("Väärennys"));
        long release = newRelease(pekka, unique("Koskematon"), doc);
        long post = world.publishedPost(unique("Kommentit"));
        world.comment(post, "Eemeli", unique("Odottaa yhä"));
        long comment = comments.list(new Comments.Query(post, null, "pending", 1, 10)).items().get(0).id();
        String message = unique("Koskematon palaute");
        world.feedback("general", message);
        long feedback = feedbacks.open().stream().filter(f -> f.message().equals(message)).findFirst().orElseThrow().id();
        int releasesBefore = releases.list().size();
        String forged = "z".repeat(43);

        for (String path : List.of("/desk/releases", "/desk/releases/" + release + "/publish",
                "/desk/releases/" + release + "/delete", "/desk/releases/" + release + "/members/remove",
                "/desk/schedule/cancel", "/desk/comments/" + comment + "/approve", "/desk/feedback/" + feedback + "/handled",
                "/desk/documents/" + doc + "/fi/preview-links")) {
            Map<String, String> fields = form("version", doc + "/fi", "name", "x", "document", Long.toString(doc),
                    "language", "fi", "days", "3", "note", "x");
            assertEquals(403, pekka.post(path, fields).statusCode(), path);
            fields.put("csrf", forged);
            assertEquals(403, pekka.post(path, fields).statusCode(), path);
        }

        assertEquals(releasesBefore, releases.list().size());
        assertEquals("pending", releases.get(release).status());
        assertEquals(1, releases.get(release).members().size());
        assertNull(documents.getVariant(doc, "fi").liveRevision());
        assertEquals("pending", comments.list(new Comments.Query(post, null, null, 1, 10)).items().get(0).state());
        assertNull(feedbacks.get(feedback).handledAt());
        assertTrue(linkIds(pekka.get("/desk/documents/" + doc + "/fi/preview-links").body()).isEmpty());
    }
}
