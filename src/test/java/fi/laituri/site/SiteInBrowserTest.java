package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seed site in a real browser, served by Laituri itself as {@code serve} does: axe-core finds no
 * serious or critical WCAG 2.1 A/AA violation on any page, and the skip link and the language
 * switcher work from the keyboard.
 */
@MicronautTest(transactional = false)
class SiteInBrowserTest extends DatabaseTest {

    private static final String FI_GOALS = "/fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/";
    private static final String SV_GOALS = "/sv/malen-och-principerna-i-partnerskapsprogrammet/";
    private static final String FI_ONLY = "/fi/toimintasuunnitelma-2021-2022/";
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Pattern META_REFRESH = Pattern.compile("<meta http-equiv=\"refresh\"[^>]*>\n?");
    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-site-browser");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;
    private String axe;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void startTheBrowserOnTheServedSeedSite() throws IOException {
        if (!HeadlessChromium.installed()) {
            return;
        }
        browser = HeadlessChromium.start();
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
        builder.build(SITE);
        try (InputStream script = Objects.requireNonNull(getClass().getResourceAsStream("/axe.min.js"), "axe.min.js")) {
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled(browser != null);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theThemesInlineStyleAppliesUnderTheServedContentSecurityPolicy() {
        browser.get(server.getURL() + FI_GOALS);

        // style.peb gives the body a 0.375rem (6 px) top border and no margin; a blocked style would leave neither.
        assertEquals("6px", js().executeScript("return getComputedStyle(document.body).borderTopWidth"));
        assertEquals("0px", js().executeScript("return getComputedStyle(document.body).marginTop"));
    }

    @Test
    void axeFindsNoSeriousOrCriticalWcag21AaViolationOnAnyPage() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> pages = pages();
        for (Path page : pages) {
            String url = url(page);
            String html = Files.readString(page);
            if (META_REFRESH.matcher(html).find()) {
                // A page that moves on at once (the root) would leave before axe is done: check its own
                // markup, without the refresh, in a page of the same site.
                browser.get(server.getURL() + "/fi/");
                js().executeScript("document.open(); document.write(arguments[0]); document.close();",
                        META_REFRESH.matcher(html).replaceAll(""));
            } else {
                browser.get(server.getURL() + url);
            }
            for (Map<String, Object> violation : axeViolations()) {
                if (List.of("serious", "critical").contains(violation.get("impact"))) {
                    problems.add(describe(url, violation));
                }
            }
        }

        assertTrue(pages.size() > 10, pages.toString());
        assertEquals("", String.join("\n", problems), problems.size() + " serious or critical violations");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {FI_GOALS + "|Hyppää sisältöön", SV_GOALS + "|Hoppa till innehåll", "/fi/|Hyppää sisältöön"})
    void theFirstTabFocusesTheSkipLinkAndActivatingItMovesFocusToMain(String path, String skipText) {
        browser.get(server.getURL() + path);

        tab();
        WebElement skip = browser.switchTo().activeElement();
        assertEquals("a", skip.getTagName());
        assertEquals(skipText, skip.getText());
        assertTrue(skip.isDisplayed() && skip.getRect().getX() >= 0 && skip.getRect().getY() >= 0,
                "the focused skip link is on screen: " + skip.getRect().getPoint());
        skip.sendKeys(Keys.ENTER);

        waitFor(() -> "main".equals(browser.switchTo().activeElement().getTagName()), "focus on <main>");
        assertEquals("content", browser.switchTo().activeElement().getAttribute("id"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {FI_GOALS + "|" + SV_GOALS, FI_ONLY + "|/sv/"})
    void theSwedishLinkOfTheLanguageSwitcherIsReachedByTabAndLeadsToTheSwedishVersionOrHome(String from, String to) {
        browser.get(server.getURL() + from);

        WebElement swedish = null;
        for (int i = 0; i < 20 && swedish == null; i++) {
            tab();
            WebElement focused = browser.switchTo().activeElement();
            if ("sv".equals(focused.getAttribute("hreflang")) && focused.findElements(
                    By.xpath("ancestor::nav[contains(@class, 'language-switcher')]")).size() == 1) {
                swedish = focused;
            }
        }
        assertTrue(swedish != null, "no Tab reached the Swedish link of the language switcher");
        assertEquals("Svenska", swedish.getText());
        swedish.sendKeys(Keys.ENTER);

        waitFor(() -> browser.getCurrentUrl().equals(server.getURL() + to), to);
        assertEquals("sv", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }

    private void tab() {
        new Actions(browser).sendKeys(Keys.TAB).perform();
    }

    private JavascriptExecutor js() {
        return browser;
    }

    /** Runs axe-core on the loaded page; each violation with its rule, impact, help and failing nodes. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> axeViolations() {
        js().executeScript(axe);
        Object result = js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                       nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary}))}))))
                   .catch(e => done('axe failed: ' + e));
                """, WCAG_21_AA);
        if (result instanceof String error) {
            fail(error);
        }
        return (List<Map<String, Object>>) result;
    }

    @SuppressWarnings("unchecked")
    private static String describe(String url, Map<String, Object> violation) {
        StringBuilder text = new StringBuilder(url + ": " + violation.get("impact") + " " + violation.get("id") + ": "
                + violation.get("help") + " (" + violation.get("helpUrl") + ")");
        for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
            text.append("\n    ").append(node.get("target")).append("  ").append(node.get("html"))
                    .append("\n      ").append(String.valueOf(node.get("summary")).replace("\n", "\n      "));
        }
        return text.toString();
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 5 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    private static List<Path> pages() throws IOException {
        Path root = SITE.resolve("current").toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    /** The URL a reader uses for a built file: a folder's index.html is the folder. */
    private static String url(Path page) throws IOException {
        String path = "/" + SITE.resolve("current").toRealPath().relativize(page).toString().replace('\\', '/');
        return path.endsWith("/index.html") ? path.substring(0, path.length() - "index.html".length()) : path;
    }
}
