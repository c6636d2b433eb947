package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.content.Documents;
import fi.laituri.participation.CommentsInBrowserTest;
import fi.laituri.participation.Feedbacks;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import fi.laituri.site.HeadlessChromium;
import fi.laituri.workflow.Releases;
import fi.laituri.workflow.Transitions;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's publishing pages in Chromium: a publisher makes a release, adds a version and publishes it by keyboard
 * alone; axe-core finds nothing serious on each publishing page at a desktop and a phone width (screenshots in
 * target/desk-screenshots); and the XSS payloads, as readers' comments, feedback and release names, show as text
 * without running.
 */
@MicronautTest(transactional = false)
class DeskPublishingInBrowserTest extends ApiTest {

    private static final int PORT = DeskBrowser.freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final String PASSWORD = "julkaisijan salasana";
    private static final Path SHOTS = Path.of("target", "desk-screenshots");

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
    Feedbacks feedbacks;

    @Inject
    fi.laituri.participation.Comments comments;

    private PublishingDeskWorld world;
    private ChromeDriver browser;
    private DeskBrowser desk;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(PORT), "laituri.site.base-url", BASE,
                "laituri.participation.rate-limit.burst", "1000", "laituri.time-zone", "Europe/Helsinki");
    }

    @BeforeAll
    void startTheBrowserAndHireTheStaff() throws IOException {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"pekka", "publisher"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
        world = new PublishingDeskWorld(documents, transitions, server.getURI(), BASE);
        if (!HeadlessChromium.installed()) {
            return;
        }
        browser = HeadlessChromium.start();
        desk = new DeskBrowser(browser, BASE, PASSWORD);
    }

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled(browser != null);
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPublisherMakesAndPublishesAReleaseByKeyboardAlone() {
        String first = "Näppäinpaketti yksi " + System.nanoTime();
        String second = "Näppäinpaketti kaksi " + System.nanoTime();
        long one = world.approved(first);
        long two = world.approved(second);
        String name = "Näppäimistöllä julkaistu " + System.nanoTime();

        desk.signInByKeyboard("pekka");
        desk.tabTo(By.linkText("Julkaisupaketit"));
        typeAndWait(Keys.ENTER);
        desk.tabTo(By.id("release-name"));
        desk.type(name);
        desk.tabTo(By.id("release-version"));
        desk.type(first);
        assertEquals(one + "/fi", browser.findElement(By.id("release-version")).getAttribute("value"));
        desk.tabTo(desk.button("Luo julkaisupaketti"));
        typeAndWait(Keys.ENTER);
        assertTrue(browser.getPageSource().contains("Julkaisupaketti luotu."), browser.getPageSource());
        desk.tabTo(By.id("add-version"));
        desk.type(second);
        assertEquals(two + "/fi", browser.findElement(By.id("add-version")).getAttribute("value"));
        desk.tabTo(desk.button("Lisää pakettiin"));
        typeAndWait(Keys.ENTER);
        desk.tabTo(desk.button("Julkaise paketti nyt"));
        typeAndWait(Keys.ENTER);

        assertTrue(browser.getPageSource().contains("Julkaisupaketti julkaistiin."), browser.getPageSource());
        assertNotNull(documents.getVariant(one, "fi").liveRevision());
        assertNotNull(documents.getVariant(two, "fi").liveRevision());
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnAnyPublishingPageAtDesktopOrPhoneWidth() throws IOException {
        Files.createDirectories(SHOTS);
        long doc = world.approved("Saavutettava paketti " + System.nanoTime());
        world.approved("Lisättävä " + System.nanoTime());
        long release = releases.create("Saavutettava julkaisupaketti", List.of(new Releases.Member(doc, "fi")),
                PublishingDeskWorld.PUBLISHER).id();
        long scheduled = releases.create("Ajastettu paketti", List.of(new Releases.Member(world.approved("Ajastettu "
                + System.nanoTime()), "fi")), PublishingDeskWorld.PUBLISHER).id();
        releases.publish(scheduled, LocalDate.now(ZoneId.of("Europe/Helsinki")).plusDays(2).atTime(8, 0)
                .atZone(ZoneId.of("Europe/Helsinki")).toOffsetDateTime(), PublishingDeskWorld.PUBLISHER);
        long timed = world.approved("Ajastettu versio " + System.nanoTime());
        transitions.apply(timed, "fi", "publish", null, java.time.OffsetDateTime.now().plusDays(1), PublishingDeskWorld.PUBLISHER);
        long post = world.publishedPost("Kommentoitava " + System.nanoTime());
        world.comment(post, "Lukija", "Hyvä juttu.\nToinen rivi.");
        world.comment(post, "Toinen lukija", "Hyväksytty kommentti.");
        long answered = comments.list(new fi.laituri.participation.Comments.Query(post, null, "pending", 1, 10)).items().get(1).id();
        comments.decide(answered, "approved", PublishingDeskWorld.PUBLISHER);
        comments.reply(answered, "Kiitos kommentista.", PublishingDeskWorld.PUBLISHER);
        String message = "Saavutettavuuspalaute " + System.nanoTime();
        world.feedback("accessibility", message);
        world.feedback("general", "Yleinen palaute");
        long feedback = feedbacks.open().stream().filter(f -> f.message().equals(message)).findFirst().orElseThrow().id();

        List<String> found = new ArrayList<>();
        desk.signIn("pekka");
        for (String page : List.of("/desk/releases", "/desk/releases/" + release, "/desk/releases/" + scheduled,
                "/desk/schedule", "/desk/comments", "/desk/comments?state=approved", "/desk/feedback", "/desk/feedback/" + feedback,
                "/desk/documents/" + doc + "/fi/preview-links")) {
            check(page.replaceAll("[^a-z0-9]+", "-"), page, found);
        }
        browser.get(BASE + "/desk/documents/" + doc + "/fi/preview-links");
        desk.press(desk.button("Luo esikatselulinkki"));
        assertTrue(browser.findElement(By.id("issued-url")).getAttribute("value").startsWith(BASE + "/preview/"));
        checkThisPage("-desk-preview-link-made", found);

        assertEquals(List.of(), found, String.join("\n", found));
    }

    @Test
    void noXssPayloadRunsInCommentsFeedbackOrReleaseNamesAndEachShowsAsItsText() {
        long post = world.publishedPost("Hyökkäyskohde " + System.nanoTime());
        List<String> pages = new ArrayList<>(List.of("/desk/comments", "/desk/comments?state=approved", "/desk/feedback",
                "/desk/releases", "/desk/schedule"));
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            world.comment(post, payload, "Teksti: " + payload);
            world.feedback("general", payload);
            long release = releases.create(payload, List.of(new Releases.Member(world.approved("Paketissa " + System.nanoTime()),
                    "fi")), PublishingDeskWorld.PUBLISHER).id();
            releases.publish(release, java.time.OffsetDateTime.now().plusDays(5), PublishingDeskWorld.PUBLISHER);
            pages.add("/desk/releases/" + release);
        }
        feedbacks.open().stream().filter(f -> CommentsInBrowserTest.PAYLOADS.contains(f.message()))
                .forEach(f -> pages.add("/desk/feedback/" + f.id()));
        world.comment(post, "Vastattava", "Vastattava kommentti");
        for (fi.laituri.participation.Comments.CommentView c : comments.list(new fi.laituri.participation.Comments.Query(
                post, null, "pending", 1, 100)).items()) {
            if (c.name().equals("Vastattava")) {
                comments.decide(c.id(), "approved", PublishingDeskWorld.PUBLISHER);
                comments.reply(c.id(), "Vastaus: " + String.join(" ", CommentsInBrowserTest.PAYLOADS), PublishingDeskWorld.PUBLISHER);
            }
        }
        desk.signIn("pekka");
        for (String page : pages) {
            browser.get(BASE + page);
            desk.assertNoScriptRan(page);
        }
        browser.get(BASE + "/desk/comments");
        String comments = browser.findElement(By.tagName("main")).getText();
        browser.get(BASE + "/desk/releases");
        String releaseList = browser.findElement(By.tagName("main")).getText();
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            assertTrue(comments.contains("Teksti: " + payload.strip()), payload);
            assertTrue(releaseList.contains(payload.strip()), payload);
        }
    }

    private void check(String name, String page, List<String> found) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(BASE + page);
            assertFalse(browser.getTitle().startsWith("Jotain meni vikaan"), page + " failed:\n" + browser.getPageSource());
            record(name, width, found);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** The page a form answered with, which no GET shows again: at both widths without loading it anew. */
    private void checkThisPage(String name, List<String> found) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            record(name, width, found);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private void record(String name, int width, List<String> found) throws IOException {
        Files.write(SHOTS.resolve("publishing" + name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        for (Map<String, Object> v : desk.axeViolations()) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                found.add(browser.getCurrentUrl() + " at " + width + " px: " + v.get("impact") + " " + v.get("id") + ": "
                        + v.get("help") + " " + v.get("nodes"));
            }
        }
    }

    private void typeAndWait(CharSequence keys) {
        WebElement page = browser.findElement(By.tagName("html"));
        desk.type(keys);
        desk.awaitNewPage(page);
    }

}
