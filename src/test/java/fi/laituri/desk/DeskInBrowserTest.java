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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private static final int PORT = freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final String PASSWORD = "toimituksen salasana";
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Path SITE = tempDir("laituri-desk-site-");
    private static final Path SHOTS = Path.of("target", "desk-screenshots");

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    SiteBuilder builder;

    private ChromeDriver browser;
    private String axe;

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
        try (InputStream script = Objects.requireNonNull(getClass().getResourceAsStream("/axe.min.js"), "axe.min.js")) {
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
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
        signIn("eeva");
        browser.get(BASE + "/desk/media");
        Path photo = Files.write(Files.createTempDirectory("desk-photo").resolve("satama.png"), TestFiles.image("png", 64, 48));
        browser.findElement(By.id("file")).sendKeys(photo.toString());
        press(button("Lähetä tiedosto"));
        String mediaId = browser.getCurrentUrl().replaceAll("^.*/desk/media/([^?]+).*$", "$1");
        browser.findElement(By.id("alt_fi")).sendKeys("Laituri ja veneitä aamuauringossa");
        browser.findElement(By.id("alt_sv")).sendKeys("En brygga och båtar i morgonsolen");
        press(button("Tallenna"));
        assertTrue(browser.getPageSource().contains("Tallennettu."), browser.getPageSource());

        browser.get(BASE + "/desk/documents/new");
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("body")).sendKeys("## Ohjelma\n\nMaanantaina avajaiset.\n\n![Satama](media:" + mediaId + ")\n");
        press(button("Luo dokumentti"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*/desk/documents/(\\d+).*$", "$1"));
        press(button("Lähetä tarkastettavaksi (fi)"));
        assertEquals("in_review", documents.getVariant(id, "fi").status());
        signOut();

        // The publisher finds it in the review queue, approves it and schedules it a few seconds ahead.
        signIn("pekka");
        browser.get(BASE + "/desk/review");
        press(browser.findElement(By.linkText(title)));
        press(button("Hyväksy (fi)"));
        WebElement at = browser.findElement(By.id("at-fi"));
        String soon = LocalDateTime.now(ZoneId.of("Europe/Helsinki")).plusSeconds(4)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", at, soon);
        press(button("Ajasta julkaisu (fi)"));
        assertTrue(documents.getVariant(id, "fi").publishAt() != null, browser.getPageSource());
        waitFor(() -> documents.getVariant(id, "fi").status().equals("published"), 60, "the scheduled publication");
        signOut();

        // The translator sees it in the Swedish worklist, translates it beside the Finnish text and submits it.
        signIn("tiina");
        browser.get(BASE + "/desk/translations?lang=sv");
        assertTrue(browser.getPageSource().contains(title), browser.getPageSource());
        press(browser.findElement(By.partialLinkText(title)));
        WebElement svTitle = browser.findElement(By.id("title"));
        svTitle.clear();
        svTitle.sendKeys("Integrationsveckans öppning");
        WebElement body = browser.findElement(By.id("body"));
        body.clear();
        body.sendKeys("## Program\n\nPå måndag öppning.\n\n![Hamnen](media:" + mediaId + ")\n");
        press(button("Tallenna"));
        press(button("Lähetä tarkastettavaksi (sv)"));
        assertEquals("in_review", documents.getVariant(id, "sv").status());
        signOut();

        // The publisher approves and publishes the Swedish version.
        signIn("pekka");
        browser.get(BASE + "/desk/documents/" + id);
        press(button("Hyväksy (sv)"));
        press(button("Julkaise nyt (sv)"));
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
        signInByKeyboard("eeva");
        browser.get(BASE + "/desk/documents/new");
        tabTo(By.id("title"));
        type(title);
        tabTo(By.id("body"));
        type("Kirjoitettu ilman hiirtä.");
        tabTo(button("Luo dokumentti"));
        typeAndWait(Keys.ENTER);
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*/desk/documents/(\\d+).*$", "$1"));
        tabTo(By.linkText("Muokkaa (fi)"));
        typeAndWait(Keys.ENTER);
        tabTo(By.id("summary"));
        type("Tiivistelmä näppäimistöllä.");
        tabTo(button("Tallenna"));
        typeAndWait(Keys.ENTER);
        tabTo(button("Lähetä tarkastettavaksi (fi)"));
        typeAndWait(Keys.ENTER);
        assertEquals("in_review", documents.getVariant(id, "fi").status());
        tabTo(button("Kirjaudu ulos"));
        typeAndWait(Keys.ENTER);

        signInByKeyboard("pekka");
        browser.get(BASE + "/desk/review");
        tabTo(By.linkText(title));
        typeAndWait(Keys.ENTER);
        tabTo(button("Hyväksy (fi)"));
        typeAndWait(Keys.ENTER);
        tabTo(button("Julkaise nyt (fi)"));
        typeAndWait(Keys.ENTER);

        assertEquals("published", documents.getVariant(id, "fi").status());
        assertEquals("Tiivistelmä näppäimistöllä.", documents.getVariant(id, "fi").summary());
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnAnyDeskPageAtDesktopOrPhoneWidth() throws IOException {
        Files.createDirectories(SHOTS);
        signIn("eeva");
        browser.get(BASE + "/desk/documents/new");
        browser.findElement(By.id("title")).sendKeys("Saavutettava " + System.nanoTime());
        browser.findElement(By.id("body")).sendKeys("Teksti.");
        press(button("Luo dokumentti"));
        String doc = browser.getCurrentUrl().replaceAll("\\?.*$", "");
        browser.get(BASE + "/desk/media");
        Path photo = Files.write(Files.createTempDirectory("desk-axe").resolve("kuva.png"), TestFiles.image("png", 40, 30));
        browser.findElement(By.id("file")).sendKeys(photo.toString());
        press(button("Lähetä tiedosto"));
        String media = browser.getCurrentUrl().replaceAll("\\?.*$", "");
        signOut();

        List<String> found = new ArrayList<>();
        check("sign-in", BASE + "/desk/sign-in", found);
        signIn("paula");
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
        signIn("eeva");
        List<String> urls = new ArrayList<>();
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            browser.get(BASE + "/desk/documents/new");
            browser.findElement(By.id("title")).sendKeys(payload);
            browser.findElement(By.id("summary")).sendKeys(payload);
            browser.findElement(By.id("body")).sendKeys(payload);
            browser.findElement(By.id("tags")).sendKeys(payload.replace(",", " "));
            press(button("Luo dokumentti"));
            urls.add(browser.getCurrentUrl().replaceAll("\\?.*$", ""));
            assertTrue(browser.findElement(By.tagName("h1")).getText().equals(payload.strip()), payload);
        }
        signOut();
        signIn("pekka");
        List<String> pages = new ArrayList<>(List.of(BASE + "/desk/", BASE + "/desk/documents", BASE + "/desk/review"));
        for (String url : urls) {
            pages.add(url);
            pages.add(url + "/fi/edit");
        }
        for (String page : pages) {
            browser.get(page);
            assertNoScriptRan(page);
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
            for (Map<String, Object> v : axeViolations()) {
                if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                    found.add(url + " at " + width + " px: " + v.get("impact") + " " + v.get("id") + ": " + v.get("help")
                            + " " + v.get("nodes"));
                }
            }
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> axeViolations() {
        JavascriptExecutor js = browser;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.html)}))))
                   .catch(e => done('axe failed: ' + e));
                """, WCAG_21_AA);
        if (result instanceof String error) {
            fail(error);
        }
        return (List<Map<String, Object>>) result;
    }

    private void assertNoScriptRan(String page) {
        try {
            String text = browser.switchTo().alert().getText();
            fail(page + " opened an alert: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : window.pwned"),
                page);
    }

    private void signIn(String name) {
        browser.get(BASE + "/desk/sign-in?lang=fi");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        press(button("Kirjaudu"));
        assertTrue(browser.getCurrentUrl().endsWith("/desk/"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
    }

    private void signInByKeyboard(String name) {
        browser.get(BASE + "/desk/sign-in?lang=fi");
        tabTo(By.id("name"));
        type(name);
        type(Keys.TAB);
        type(PASSWORD);
        typeAndWait(Keys.ENTER);
        assertTrue(browser.getCurrentUrl().endsWith("/desk/"), browser.getCurrentUrl());
    }

    private void signOut() {
        browser.get(BASE + "/desk/");
        press(button("Kirjaudu ulos"));
        assertTrue(browser.getCurrentUrl().contains("/desk/sign-in"), browser.getCurrentUrl());
    }

    /** Clicks and waits for the page the click leads to. */
    private void press(WebElement element) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        awaitNewPage(page);
    }

    private void awaitNewPage(WebElement old) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                old.isDisplayed();
            } catch (org.openqa.selenium.WebDriverException gone) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("the page did not change: " + browser.getCurrentUrl());
    }

    /** Presses a key and waits for the page it leads to. */
    private void typeAndWait(CharSequence keys) {
        WebElement page = browser.findElement(By.tagName("html"));
        type(keys);
        awaitNewPage(page);
    }

    private WebElement button(String text) {
        List<WebElement> found = browser.findElements(By.xpath("//button[normalize-space()=\"" + text + "\"]"));
        if (found.isEmpty()) {
            fail("no button \"" + text + "\" on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource());
        }
        return found.get(0);
    }

    /** Presses Tab until the element has the focus: it must be reachable by keyboard, in at most 200 steps. */
    private void tabTo(By locator) {
        tabTo(browser.findElement(locator));
    }

    private void tabTo(WebElement target) {
        for (int i = 0; i < 200; i++) {
            if (target.equals(browser.switchTo().activeElement())) {
                return;
            }
            type(Keys.TAB);
        }
        fail("Tab never reached " + target.getTagName() + " " + target.getText() + " on " + browser.getCurrentUrl());
    }

    private void type(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
