package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.participation.CommentsInBrowserTest;
import fi.laituri.security.Actor;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import fi.laituri.site.HeadlessChromium;
import fi.laituri.workflow.Transitions;
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
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's history pages in Chromium: restoring an old revision by keyboard alone, axe-core on each new page (the
 * revisions, a diff in both modes, the audit log, the home page's changes since the last visit, the worklist's XLIFF
 * form and an import's result) at a desktop and a phone width, and the XSS payload list shown in those pages without
 * running. The server is on localhost, where browsers take the Secure session cookie over http.
 */
@MicronautTest(transactional = false)
class DeskHistoryInBrowserTest extends ApiTest {

    private static final int PORT = DeskBrowser.freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final String PASSWORD = "historian salasana";
    private static final Path SHOTS = Path.of("target", "desk-screenshots");
    private static final Actor EEVA = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PEKKA = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    Transitions transitions;

    private ChromeDriver browser;
    private DeskBrowser desk;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(PORT), "laituri.site.base-url", BASE);
    }

    @BeforeAll
    void startTheBrowserAndHireTheStaff() throws IOException {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"erkki", "editor"},
                new String[]{"pekka", "publisher"}, new String[]{"tiina", "translator"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), u[1].equals("translator") ? List.of("sv") : List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
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

    /** A Finnish article saved three times by Eeva, with the given title, summary and texts. */
    private long threeRevisions(String title, String first, String second, String third) {
        long id = documents.createDocument(new Api.CreateDocument("article", null, List.of(new Api.VariantInput("fi",
                title, null, title, first, List.of(title.replace(",", " ")), null, null))), EEVA).id();
        for (String body : List.of(second, third)) {
            documents.patchVariant(id, "fi", documents.getVariant(id, "fi").version(),
                    new Api.VariantPatch(null, null, null, body, null, null, null), EEVA);
        }
        return id;
    }

    @Test
    void anEditorFindsAndRestoresAnOldRevisionByKeyboardAlone() {
        long id = threeRevisions("Näppäimin palautettava " + System.nanoTime(), "Alkuperäinen teksti.",
                "Toinen teksti.", "Huono muutos.");
        desk.signInByKeyboard("erkki");
        browser.get(BASE + "/desk/documents/" + id);

        desk.tabTo(By.linkText("Versiohistoria (fi)"));
        desk.typeAndWait(Keys.ENTER);
        desk.tabTo(By.linkText("Vertaa nykyiseen versioon (1)"));
        desk.typeAndWait(Keys.ENTER);
        assertTrue(browser.findElement(By.tagName("ins")).getText().contains("Huono muutos."), browser.getPageSource());
        browser.navigate().back();
        desk.tabTo(desk.button("Palauta versio 1"));
        desk.typeAndWait(Keys.ENTER);

        assertEquals("Alkuperäinen teksti.", documents.getVariant(id, "fi").body());
        assertEquals(4, documents.getVariant(id, "fi").revision());
        assertTrue(browser.getPageSource().contains("Versio 1 palautettiin uudeksi versioksi."), browser.getPageSource());
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheHistoryPagesAtDesktopOrPhoneWidth() throws IOException {
        Files.createDirectories(SHOTS);
        String title = "Saavutettava historia " + System.nanoTime();
        long id = threeRevisions(title, "Ensimmäinen kappale.\n\nToinen kappale.", "Ensimmäinen kappale, muutettu.\n\nToinen.",
                "Kolmas versio.");
        transitions.apply(id, "fi", "submit", null, null, EEVA);
        transitions.apply(id, "fi", "approve", null, null, PEKKA);
        transitions.apply(id, "fi", "publish", null, null, PEKKA);
        List<String> found = new ArrayList<>();
        desk.signIn("pekka");
        desk.signOut();
        documents.patchVariant(id, "fi", documents.getVariant(id, "fi").version(),
                new Api.VariantPatch("Uusi otsikko " + System.nanoTime(), null, null, null, null, null, null), EEVA);
        desk.signIn("pekka");
        assertTrue(browser.getPageSource().contains("/desk/documents/" + id + "/history"), "the home page lists the change");
        // Loading the home page again moves the mark: the list of changes is checked where signing in landed.
        checkHere("history-home", found);
        String doc = "/desk/documents/" + id;
        for (String page : List.of(doc + "/fi/revisions", doc + "/fi/revisions/diff?from=1&to=4&mode=line",
                doc + "/fi/revisions/diff?from=1&to=4&mode=word", doc + "/history")) {
            check("history" + page.replaceAll("[^a-z0-9]+", "-"), BASE + page, found);
        }
        desk.signOut();

        desk.signIn("tiina");
        check("history-translations", BASE + "/desk/translations?lang=sv", found);
        // The file as the download link gives it, fetched with the browser's session (the desk's pages may not fetch).
        DeskHttp session = new DeskHttp(BASE);
        session.cookie = browser.manage().getCookieNamed("laituri_desk").getValue();
        String exported = session.get("/desk/documents/" + id + "/sv/xliff").body();
        Path file = Files.writeString(Files.createTempDirectory("desk-xliff").resolve("sv.xlf"),
                exported.replaceAll("<source>([^<]*)</source>", "<source>$1</source><target>SV $1</target>"));
        browser.get(BASE + "/desk/translations?lang=sv");
        browser.findElement(By.id("xliff-file")).sendKeys(file.toString());
        desk.press(desk.button("Lähetä käännös"));
        assertTrue(browser.getPageSource().contains("Tuotu:"), browser.getPageSource());
        assertTrue(documents.getVariant(id, "sv").title().startsWith("SV "));
        checkHere("history-xliff-imported", found);

        assertEquals(List.of(), found, String.join("\n", found));
    }

    @Test
    void noXssPayloadRunsInTheHistoryPagesAndEachShowsAsItsText() {
        List<Long> ids = new ArrayList<>();
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            long id = threeRevisions(payload, payload, "Välissä.", payload + " muutettu");
            transitions.apply(id, "fi", "submit", payload, null, EEVA);
            transitions.apply(id, "fi", "reject", payload, null, PEKKA);
            ids.add(id);
        }
        desk.signIn("erkki");
        desk.signOut();
        for (long id : ids) {
            documents.patchVariant(id, "fi", documents.getVariant(id, "fi").version(),
                    new Api.VariantPatch(null, null, null, "Loppu.", null, null, null), EEVA);
        }
        desk.signIn("erkki");
        assertTrue(browser.getPageSource().contains("/desk/documents/" + ids.get(0) + "/history"), browser.getPageSource());
        desk.assertNoScriptRan("the home page's changes since the last visit");
        List<String> pages = new ArrayList<>();
        for (long id : ids) {
            String doc = BASE + "/desk/documents/" + id;
            pages.addAll(List.of(doc + "/fi/revisions", doc + "/fi/revisions/diff?from=1&to=3&mode=line",
                    doc + "/fi/revisions/diff?from=1&to=3&mode=word", doc + "/history"));
        }
        for (String page : pages) {
            browser.get(page);
            desk.assertNoScriptRan(page);
        }
        browser.get(BASE + "/desk/documents/" + ids.get(0) + "/history");
        assertTrue(browser.findElement(By.tagName("table")).getText().contains(CommentsInBrowserTest.PAYLOADS.get(0)),
                browser.getPageSource());
    }

    private void check(String name, String url, List<String> found) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(url);
            assertFalse(browser.getTitle().startsWith("Jotain meni vikaan"), url + " failed:\n" + browser.getPageSource());
            shotAndAxe(name, url, width, found);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** A page that is the answer to a form: checked where it is, at both widths, without loading it again. */
    private void checkHere(String name, List<String> found) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            shotAndAxe(name, browser.getCurrentUrl(), width, found);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private void shotAndAxe(String name, String url, int width, List<String> found) throws IOException {
        Files.write(SHOTS.resolve(name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        for (Map<String, Object> v : desk.axeViolations()) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                found.add(url + " at " + width + " px: " + v.get("impact") + " " + v.get("id") + ": " + v.get("help")
                        + " " + v.get("nodes"));
            }
        }
    }

}
