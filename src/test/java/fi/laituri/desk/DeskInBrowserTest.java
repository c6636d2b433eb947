package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.content.Documents;
import fi.laituri.media.TestFiles;
import fi.laituri.participation.CommentsInBrowserTest;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import fi.laituri.site.HeadlessChromium;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The desk in Chromium, as its users use it: the "done when" path (an editor writes and submits an article
 * with an image, a publisher approves and schedules it, a translator finds it in the Swedish worklist, translates and
 * submits it, and the site shows both), the edit, review and publish path by keyboard alone, axe-core on every page at
 * a desktop and a phone width (with screenshots in target/desk-screenshots), and an XSS payload list through the
 * fields the desk shows. The server is on localhost, where browsers take the Secure session cookie over http.
 */
@MicronautTest(transactional = false)
class DeskInBrowserTest extends ApiTest {

    private static final int PORT = DeskBrowser.freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final String PASSWORD = "toimituksen salasana";
    private static final Path SITE = tempDir("laituri-desk-site-");
    private static final Path SHOTS = Path.of("target", "desk-screenshots");

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    SiteBuilder builder;

    private ChromeDriver browser;
    private DeskBrowser desk;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(PORT), "laituri.site.base-url", BASE,
                "laituri.site.output", SITE.toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "200ms");
    }

    @BeforeAll
    void startTheBrowserAndHireTheStaff() throws IOException {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"pekka", "publisher"},
                new String[]{"tiina", "translator"}, new String[]{"paula", "admin"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), u[1].equals("translator") ? List.of("sv") : List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
        builder.build(SITE);
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
    void anArticleWithAnImageGoesFromTheEditorThroughThePublisherAndTheTranslatorToTheSiteInBothLanguages() throws Exception {
        String title = "Kotoutumisviikon avajaiset " + System.nanoTime();
        // The editor uploads a photo, gives it alt texts, writes the article with it and submits it.
        desk.signIn("eeva");
        browser.get(BASE + "/desk/media");
        Path photo = Files.write(Files.createTempDirectory("desk-photo").resolve("satama.png"), TestFiles.image("png", 64, 48));
        browser.findElement(By.id("file")).sendKeys(photo.toString());
        desk.press(desk.button("Lähetä tiedosto"));
        String mediaId = browser.getCurrentUrl().replaceAll("^.*/desk/media/([^?]+).*$", "$1");
        browser.findElement(By.id("alt_fi")).sendKeys("Laituri ja veneitä aamuauringossa");
        browser.findElement(By.id("alt_sv")).sendKeys("En brygga och båtar i morgonsolen");
        desk.press(desk.button("Tallenna"));
        assertTrue(browser.getPageSource().contains("Tallennettu."), browser.getPageSource());

        browser.get(BASE + "/desk/documents/new");
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("body")).sendKeys("## Ohjelma\n\nMaanantaina avajaiset.\n\n![Satama](media:" + mediaId + ")\n");
        desk.press(desk.button("Luo dokumentti"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*/desk/documents/(\\d+).*$", "$1"));
        desk.press(desk.button("Lähetä tarkastettavaksi (fi)"));
        assertEquals("in_review", documents.getVariant(id, "fi").status());
        desk.signOut();

        // The publisher finds it in the review queue, approves it and schedules it a few seconds ahead.
        desk.signIn("pekka");
        browser.get(BASE + "/desk/review");
        desk.press(browser.findElement(By.linkText(title)));
        desk.press(desk.button("Hyväksy (fi)"));
        WebElement at = browser.findElement(By.id("at-fi"));
        String soon = LocalDateTime.now(ZoneId.of("Europe/Helsinki")).plusSeconds(4)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", at, soon);
        desk.press(desk.button("Ajasta julkaisu (fi)"));
        assertTrue(documents.getVariant(id, "fi").publishAt() != null, browser.getPageSource());
        waitFor(() -> documents.getVariant(id, "fi").status().equals("published"), 60, "the scheduled publication");
        desk.signOut();

        // The translator sees it in the Swedish worklist, translates it beside the Finnish text and submits it.
        desk.signIn("tiina");
        browser.get(BASE + "/desk/translations?lang=sv");
        assertTrue(browser.getPageSource().contains(title), browser.getPageSource());
        desk.press(browser.findElement(By.partialLinkText(title)));
        WebElement svTitle = browser.findElement(By.id("title"));
        svTitle.clear();
        svTitle.sendKeys("Integrationsveckans öppning");
        WebElement body = browser.findElement(By.id("body"));
        body.clear();
        body.sendKeys("## Program\n\nPå måndag öppning.\n\n![Hamnen](media:" + mediaId + ")\n");
        desk.press(desk.button("Tallenna"));
        desk.press(desk.button("Lähetä tarkastettavaksi (sv)"));
        assertEquals("in_review", documents.getVariant(id, "sv").status());
        desk.signOut();

        // The publisher approves and publishes the Swedish version.
        desk.signIn("pekka");
        browser.get(BASE + "/desk/documents/" + id);
        desk.press(desk.button("Hyväksy (sv)"));
        desk.press(desk.button("Julkaise nyt (sv)"));
        assertEquals("published", documents.getVariant(id, "sv").status());

        // The site shows both, each with the image and its alt text in the page's language.
        String fiSlug = documents.getVariant(id, "fi").slug();
        String svSlug = documents.getVariant(id, "sv").slug();
        Path svPage = SITE.resolve("current/sv/" + svSlug + "/index.html");
        waitFor(() -> Files.exists(svPage), 30, "the Swedish page on the site");
        browser.get(BASE + "/fi/" + fiSlug + "/");
        assertEquals(title, browser.findElement(By.tagName("h1")).getText().replace("\u00AD", ""));
        assertFalse(browser.findElements(By.cssSelector("img[alt='Laituri ja veneitä aamuauringossa']")).isEmpty());
        browser.get(BASE + "/sv/" + svSlug + "/");
        assertEquals("Integrationsveckans öppning", browser.findElement(By.tagName("h1")).getText().replace("\u00AD", ""));
        assertFalse(browser.findElements(By.cssSelector("img[alt='En brygga och båtar i morgonsolen']")).isEmpty());
    }

    @Test
    void theEditReviewAndPublishPathWorksByKeyboardAlone() {
        String title = "Näppäimistöllä " + System.nanoTime();
        desk.signInByKeyboard("eeva");
        browser.get(BASE + "/desk/documents/new");
        desk.tabTo(By.id("title"));
        desk.type(title);
        desk.tabTo(By.id("body"));
        desk.type("Kirjoitettu ilman hiirtä.");
        desk.tabTo(desk.button("Luo dokumentti"));
        desk.typeAndWait(Keys.ENTER);
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*/desk/documents/(\\d+).*$", "$1"));
        desk.tabTo(By.linkText("Muokkaa (fi)"));
        desk.typeAndWait(Keys.ENTER);
        desk.tabTo(By.id("summary"));
        desk.type("Tiivistelmä näppäimistöllä.");
        desk.tabTo(desk.button("Tallenna"));
        desk.typeAndWait(Keys.ENTER);
        desk.tabTo(desk.button("Lähetä tarkastettavaksi (fi)"));
        desk.typeAndWait(Keys.ENTER);
        assertEquals("in_review", documents.getVariant(id, "fi").status());
        desk.tabTo(desk.button("Kirjaudu ulos"));
        desk.typeAndWait(Keys.ENTER);

        desk.signInByKeyboard("pekka");
        browser.get(BASE + "/desk/review");
        desk.tabTo(By.linkText(title));
        desk.typeAndWait(Keys.ENTER);
        desk.tabTo(desk.button("Hyväksy (fi)"));
        desk.typeAndWait(Keys.ENTER);
        desk.tabTo(desk.button("Julkaise nyt (fi)"));
        desk.typeAndWait(Keys.ENTER);

        assertEquals("published", documents.getVariant(id, "fi").status());
        assertEquals("Tiivistelmä näppäimistöllä.", documents.getVariant(id, "fi").summary());
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnAnyDeskPageAtDesktopOrPhoneWidth() throws IOException {
        Files.createDirectories(SHOTS);
        desk.signIn("eeva");
        browser.get(BASE + "/desk/documents/new");
        browser.findElement(By.id("title")).sendKeys("Saavutettava " + System.nanoTime());
        browser.findElement(By.id("body")).sendKeys("Teksti.");
        desk.press(desk.button("Luo dokumentti"));
        String doc = browser.getCurrentUrl().replaceAll("\\?.*$", "");
        browser.get(BASE + "/desk/media");
        Path photo = Files.write(Files.createTempDirectory("desk-axe").resolve("kuva.png"), TestFiles.image("png", 40, 30));
        browser.findElement(By.id("file")).sendKeys(photo.toString());
        desk.press(desk.button("Lähetä tiedosto"));
        String media = browser.getCurrentUrl().replaceAll("\\?.*$", "");
        desk.signOut();

        List<String> found = new ArrayList<>();
        check("sign-in", BASE + "/desk/sign-in", found);
        desk.signIn("paula");
        List<String> pages = List.of("/desk/", "/desk/documents", "/desk/documents/new", doc.substring(BASE.length()),
                doc.substring(BASE.length()) + "/fi/edit", doc.substring(BASE.length()) + "/sv/edit", "/desk/review",
                "/desk/translations", "/desk/media", media.substring(BASE.length()), "/desk/account", "/desk/users",
                "/desk/documents/999999999");
        for (String page : pages) {
            check(page.replaceAll("[^a-z0-9]+", "-"), BASE + page, found);
        }

        assertEquals(List.of(), found, String.join("\n", found));
    }

    @Test
    void noXssPayloadRunsInTheDeskAndEachShowsAsItsText() {
        desk.signIn("eeva");
        List<String> urls = new ArrayList<>();
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            browser.get(BASE + "/desk/documents/new");
            browser.findElement(By.id("title")).sendKeys(payload);
            browser.findElement(By.id("summary")).sendKeys(payload);
            browser.findElement(By.id("body")).sendKeys(payload);
            browser.findElement(By.id("tags")).sendKeys(payload.replace(",", " "));
            desk.press(desk.button("Luo dokumentti"));
            urls.add(browser.getCurrentUrl().replaceAll("\\?.*$", ""));
            assertTrue(browser.findElement(By.tagName("h1")).getText().equals(payload.strip()), payload);
        }
        desk.signOut();
        desk.signIn("pekka");
        List<String> pages = new ArrayList<>(List.of(BASE + "/desk/", BASE + "/desk/documents", BASE + "/desk/review"));
        for (String url : urls) {
            pages.add(url);
            pages.add(url + "/fi/edit");
        }
        for (String page : pages) {
            browser.get(page);
            desk.assertNoScriptRan(page);
        }
    }

    private void check(String name, String url, List<String> found) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(url);
            if (!url.endsWith("999999999")) {
                assertFalse(browser.getTitle().startsWith("Jotain meni vikaan"), url + " failed:\n" + browser.getPageSource());
            }
            Files.write(SHOTS.resolve(name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            for (Map<String, Object> v : desk.axeViolations()) {
                if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                    found.add(url + " at " + width + " px: " + v.get("impact") + " " + v.get("id") + ": " + v.get("help")
                            + " " + v.get("nodes"));
                }
            }
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private static void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + seconds + " s for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
