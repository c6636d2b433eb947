package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.content.Documents;
import fi.laituri.participation.CommentsInBrowserTest;
import fi.laituri.security.Actor;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import fi.laituri.site.HeadlessChromium;
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
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The desk's editing aids in Chromium: the Markdown toolbar by keyboard, the live preview as one types, a draft kept in
 * the browser offered again after a reload (and gone after saving or signing out), the {@code doc:} link picker
 * inserting its reference at the cursor, authors and bylines, axe-core on the edit and authors pages at 1280 and
 * 390 px, and the XSS payload list as author names and in the previewed text, shown without running.
 */
@MicronautTest(transactional = false)
class DeskEditorInBrowserTest extends ApiTest {

    private static final int PORT = DeskBrowser.freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final String PASSWORD = "toimituksen salasana";
    private static final Path SHOTS = Path.of("target", "desk-screenshots");
    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    Authors authors;

    private ChromeDriver browser;
    private DeskBrowser desk;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(PORT), "laituri.site.base-url", BASE);
    }

    @BeforeAll
    void startTheBrowserAndHireTheStaff() throws IOException {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"pekka", "publisher"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), List.of());
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
        // Drafts are the browser's, not the session's: each test starts without those of the one before.
        browser.get(BASE + "/desk/sign-in");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theToolbarFormatsTheTextByKeyboardAndTheSaveKeepsIt() {
        long id = document("Työkalurivi " + System.nanoTime(), "Teksti.");
        desk.signIn("eeva");
        browser.get(BASE + "/desk/documents/" + id + "/fi/edit");
        WebElement body = browser.findElement(By.id("body"));
        tabTo(body);
        hold(Keys.CONTROL, Keys.END);
        desk.type("\ntärkeä");
        for (int i = 0; i < "tärkeä".length(); i++) {
            hold(Keys.SHIFT, Keys.ARROW_LEFT);
        }
        hold(Keys.SHIFT, Keys.TAB);
        assertEquals("Lihavointi", active().getText(), active().getAttribute("outerHTML"));
        desk.type(Keys.ENTER);
        assertEquals("Teksti.\n**tärkeä**", body.getAttribute("value"));
        assertEquals(body, active());

        hold(Keys.SHIFT, Keys.TAB);
        desk.type(Keys.ARROW_RIGHT);
        desk.type(Keys.ARROW_RIGHT);
        assertEquals("Väliotsikko", active().getText());
        desk.type(Keys.SPACE);
        assertEquals("Teksti.\n## **tärkeä**", body.getAttribute("value"));

        WebElement toolbar = browser.findElement(By.cssSelector("[role=toolbar]"));
        assertEquals("Muotoilu", toolbar.getAttribute("aria-label"));
        assertEquals(List.of("Lihavointi", "Kursiivi", "Väliotsikko", "Linkki", "Luettelo"),
                toolbar.findElements(By.tagName("button")).stream().map(WebElement::getText).toList());
        tabTo(desk.button("Tallenna"));
        typeAndWait(Keys.ENTER);
        assertTrue(documents.getVariant(id, "fi").body().startsWith("Teksti.\n## **tärkeä**"),
                documents.getVariant(id, "fi").body());
    }

    @Test
    void theLivePreviewShowsTheTextAsItIsTypedInTheSitesTemplate() throws InterruptedException {
        long id = document("Esikatselu " + System.nanoTime(), "Alku.");
        desk.signIn("eeva");
        browser.get(BASE + "/desk/documents/" + id + "/fi/edit");
        browser.findElement(By.id("body")).sendKeys("\n\n## Väliotsikko kirjoittaessa\n");

        waitFor(() -> previewText().contains("Väliotsikko kirjoittaessa"), 15, "the live preview");

        JavascriptExecutor js = browser;
        assertEquals("allow-same-origin", browser.findElement(By.id("live-preview")).getAttribute("sandbox"));
        assertEquals(Boolean.TRUE, js.executeScript("var d = document.getElementById('live-preview').contentDocument;"
                + " return d.querySelector('h2') !== null && d.adoptedStyleSheets.length > 0;"));
    }

    @Test
    void aDraftKeptInTheBrowserIsOfferedAfterAReloadAndRestoredThenForgottenOnceSaved() throws InterruptedException {
        long id = document("Luonnos " + System.nanoTime(), "Tallennettu teksti.");
        desk.signIn("eeva");
        String edit = BASE + "/desk/documents/" + id + "/fi/edit";
        browser.get(edit);
        browser.findElement(By.id("body")).sendKeys(" Kirjoitettu mutta tallentamatta.");
        waitFor(() -> drafts() == 1, 10, "the draft in localStorage");

        browser.navigate().refresh();

        assertEquals("Tallennettu teksti.", browser.findElement(By.id("body")).getAttribute("value"));
        assertTrue(browser.findElement(By.cssSelector(".draft-offer")).getText().contains("tallentamattoman luonnoksen"));
        tabTo(desk.button("Palauta luonnos"));
        desk.type(Keys.ENTER);
        assertEquals("Tallennettu teksti. Kirjoitettu mutta tallentamatta.", browser.findElement(By.id("body")).getAttribute("value"));
        assertTrue(browser.findElements(By.cssSelector(".draft-offer")).isEmpty());
        assertEquals("Luonnos on palautettu lomakkeelle. Tallenna se, jotta se säilyy.",
                browser.findElement(By.cssSelector(".editor-status")).getText());
        press(desk.button("Tallenna"));
        assertEquals("Tallennettu teksti. Kirjoitettu mutta tallentamatta.", documents.getVariant(id, "fi").body());
        assertEquals(0, drafts());
        browser.get(edit);
        assertTrue(browser.findElements(By.cssSelector(".draft-offer")).isEmpty());
    }

    @Test
    void aDiscardedDraftIsGoneAndSigningOutForgetsEveryDraft() throws InterruptedException {
        long id = document("Hylättävä " + System.nanoTime(), "Alkuperäinen.");
        desk.signIn("eeva");
        String edit = BASE + "/desk/documents/" + id + "/fi/edit";
        browser.get(edit);
        browser.findElement(By.id("body")).sendKeys(" Ensimmäinen luonnos.");
        waitFor(() -> drafts() == 1, 10, "the draft in localStorage");
        browser.navigate().refresh();
        press(desk.button("Hylkää luonnos"), false);
        assertEquals(0, drafts());
        browser.navigate().refresh();
        assertTrue(browser.findElements(By.cssSelector(".draft-offer")).isEmpty());

        browser.findElement(By.id("body")).sendKeys(" Toinen luonnos.");
        waitFor(() -> drafts() == 1, 10, "the second draft in localStorage");
        press(desk.button("Kirjaudu ulos"));
        desk.signIn("eeva");
        browser.get(edit);

        assertEquals(0, drafts());
        assertTrue(browser.findElements(By.cssSelector(".draft-offer")).isEmpty());
    }

    @Test
    void theLinkPickerFindsADocumentAndInsertsItsReferenceAtTheCursor() {
        String word = "satamalinkki" + System.nanoTime();
        long target = document("Satama " + word, "Kohde.");
        long id = document("Linkittävä " + System.nanoTime(), "Alku. Loppu.");
        String key = documents.getDocument(target).key();
        desk.signIn("eeva");
        browser.get(BASE + "/desk/documents/" + id + "/fi/edit");
        WebElement body = browser.findElement(By.id("body"));
        tabTo(body);
        hold(Keys.CONTROL, Keys.HOME);
        for (int i = 0; i < "Alku. ".length(); i++) {
            desk.type(Keys.ARROW_RIGHT);
        }
        tabTo(By.id("find"));
        desk.type(word);
        desk.type(Keys.ENTER);
        waitFor(() -> !browser.findElements(By.cssSelector("#doc-links-found button")).isEmpty(), "the picker's results");
        assertTrue(browser.getCurrentUrl().endsWith("/fi/edit"), "the search left the page: " + browser.getCurrentUrl());
        WebElement insert = browser.findElement(By.cssSelector("#doc-links-found button"));
        assertEquals("Lisää: Satama " + word, insert.getAttribute("aria-label"));
        tabTo(insert);
        desk.type(Keys.ENTER);

        assertEquals("Alku. [Satama " + word + "](doc:" + key + ")Loppu.", body.getAttribute("value"));
        assertEquals(body, active());
    }

    @Test
    void bylinesAreChosenByKeyboardOnTheEditPage() {
        String author = authors.createAuthor(new Api.AuthorInput(null, "Varpu Taarna " + System.nanoTime(), null, null),
                EDITOR).id();
        long id = document("Bylinellinen " + System.nanoTime(), "Teksti.");
        desk.signIn("eeva");
        browser.get(BASE + "/desk/documents/" + id + "/fi/edit");
        tabTo(By.cssSelector("input[name=authors][value='" + author + "']"));
        desk.type(Keys.SPACE);
        tabTo(desk.button("Tallenna"));
        typeAndWait(Keys.ENTER);

        assertEquals(List.of(author), documents.getVariant(id, "fi").authors().stream().map(Api.AuthorView::id).toList());
    }

    @Test
    void anAuthorIsAddedChangedAndRemovedInTheDeskByKeyboard() {
        desk.signIn("eeva");
        browser.get(BASE + "/desk/authors");
        String name = "Åsa Öhman " + System.nanoTime();
        tabTo(By.id("name"));
        desk.type(name);
        tabTo(By.id("author-title"));
        desk.type("toimittaja");
        tabTo(desk.button("Lisää kirjoittaja"));
        typeAndWait(Keys.ENTER);
        String id = browser.getCurrentUrl().replaceAll("^.*/desk/authors/([^?]+).*$", "$1");
        assertEquals(name, authors.getAuthor(id).name());
        assertTrue(browser.getPageSource().contains("Kirjoittaja lisätty."));

        tabTo(By.id("organisation"));
        desk.type("TEM");
        tabTo(desk.button("Tallenna"));
        typeAndWait(Keys.ENTER);
        assertEquals("TEM", authors.getAuthor(id).organisation());

        tabTo(desk.button("Poista kirjoittaja"));
        typeAndWait(Keys.ENTER);
        assertTrue(browser.getCurrentUrl().endsWith("/desk/authors?done=deleted"), browser.getCurrentUrl());
        assertFalse(authors.listAuthors().stream().anyMatch(a -> a.id().equals(id)));
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheEditAndAuthorsPagesAtDesktopOrPhoneWidth() throws Exception {
        Files.createDirectories(SHOTS);
        String word = "saavutettavalinkki" + System.nanoTime();
        document("Kohde " + word, "Kohde.");
        long id = document("Saavutettava muokkaus " + System.nanoTime(), "## Otsikko\n\nTeksti.");
        String author = authors.createAuthor(new Api.AuthorInput(null, "Saavutettava Kirjoittaja " + System.nanoTime(),
                "toimittaja", null), EDITOR).id();
        desk.signIn("eeva");
        String edit = BASE + "/desk/documents/" + id + "/fi/edit";
        // The edit page as the script leaves it: toolbar, a draft offered, the live preview and the picker's results.
        browser.get(edit);
        browser.findElement(By.id("body")).sendKeys(" Luonnos.");
        waitFor(() -> drafts() == 1, 10, "the draft in localStorage");

        List<String> found = new ArrayList<>();
        check("edit", edit + "?find=" + word, found);
        check("authors", BASE + "/desk/authors", found);
        check("author", BASE + "/desk/authors/" + author, found);

        assertEquals(List.of(), found, String.join("\n", found));
    }

    @Test
    void noXssPayloadRunsAsAnAuthorsNameOrInThePreviewedTextAndEachShowsAsItsText() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            ids.add(authors.createAuthor(new Api.AuthorInput("xss-" + ids.size() + "-" + System.nanoTime(), payload, payload,
                    payload), EDITOR).id());
        }
        long id = documents.createDocument(new Api.CreateDocument("blog_post", null, List.of(new Api.VariantInput("fi",
                "Hyökkäys " + System.nanoTime(), null, null, String.join("\n\n", CommentsInBrowserTest.PAYLOADS), null,
                ids, null))), EDITOR).id();
        desk.signIn("eeva");

        browser.get(BASE + "/desk/authors");
        desk.assertNoScriptRan("/desk/authors");
        for (String payload : CommentsInBrowserTest.PAYLOADS) {
            assertFalse(browser.findElements(By.linkText(payload.strip())).isEmpty(), payload);
        }
        for (String author : ids) {
            browser.get(BASE + "/desk/authors/" + author);
            desk.assertNoScriptRan("/desk/authors/" + author);
        }
        browser.get(BASE + "/desk/documents/" + id + "/fi/edit?find=" + java.net.URLEncoder.encode(
                CommentsInBrowserTest.PAYLOADS.get(0), StandardCharsets.UTF_8));
        browser.findElement(By.id("title")).sendKeys(" " + CommentsInBrowserTest.PAYLOADS.get(1));
        browser.findElement(By.id("body")).sendKeys("\n\nLoppu esikatselussa.");
        waitFor(() -> previewText().contains("Loppu esikatselussa."), 15, "the live preview");
        desk.assertNoScriptRan("the edit page and its live preview");
        assertEquals(null, ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('live-preview').contentWindow.pwned === undefined ? null : 'ran'"));
        assertTrue(previewText().contains("window.pwned=1"), previewText());
        for (String author : ids) {
            assertFalse(browser.findElements(By.cssSelector("input[name=authors][value='" + author + "']")).isEmpty());
        }
    }

    private long document(String title, String body) {
        return documents.createDocument(new Api.CreateDocument("blog_post", null, List.of(new Api.VariantInput("fi", title,
                null, null, body, null, null, null))), EDITOR).id();
    }

    private String previewText() {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "var f = document.getElementById('live-preview');"
                        + " return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.textContent : '';");
        // The site's template hyphenates headings with soft hyphens.
        return text == null ? "" : text.toString().replace("\u00AD", "");
    }

    private long drafts() {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return Object.keys(localStorage).filter(function (k) { return k.indexOf('laituri.draft.') === 0; }).length;");
    }

    private void check(String name, String url, List<String> found) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(url);
            assertFalse(browser.getTitle().startsWith("Jotain meni vikaan"), url + " failed:\n" + browser.getPageSource());
            if (url.contains("/edit")) {
                try {
                    waitFor(() -> previewText().length() > 0, 15, "the live preview");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                assertFalse(browser.findElements(By.cssSelector(".draft-offer")).isEmpty(), "no draft offered on " + url);
            }
            Files.write(SHOTS.resolve("editing-" + name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            if (url.contains("/edit")) {
                ((JavascriptExecutor) browser).executeScript("document.getElementById('doc-links').scrollIntoView()");
                Files.write(SHOTS.resolve("editing-" + name + "-below-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            }
            for (Map<String, Object> v : desk.axeViolations()) {
                if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                    found.add(url + " at " + width + " px: " + v.get("impact") + " " + v.get("id") + ": " + v.get("help")
                            + " " + v.get("nodes"));
                }
            }
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private void press(WebElement element) {
        press(element, true);
    }

    /** Clicks, and when the click leads to another page, waits for it. */
    private void press(WebElement element, boolean newPage) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        if (newPage) {
            desk.awaitNewPage(page);
        }
    }

    private void typeAndWait(CharSequence keys) {
        WebElement page = browser.findElement(By.tagName("html"));
        desk.type(keys);
        desk.awaitNewPage(page);
    }

    /** Presses Tab until the element has the focus: it must be reachable by keyboard, in at most 200 steps. */
    private void tabTo(By locator) {
        tabTo(browser.findElement(locator));
    }

    private void tabTo(WebElement target) {
        for (int i = 0; i < 200; i++) {
            if (target.equals(active())) {
                return;
            }
            desk.type(Keys.TAB);
        }
        fail("Tab never reached " + target.getTagName() + " " + target.getText() + " on " + browser.getCurrentUrl());
    }

    /** A key pressed with a modifier held down (a chord sent as one string loses the modifier in Actions). */
    private void hold(Keys modifier, CharSequence key) {
        new Actions(browser).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
    }

    private void waitFor(BooleanSupplier condition, String what) {
        try {
            waitFor(condition, 10, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + seconds + " s for " + what);
            }
            Thread.sleep(100);
        }
    }

}
