package fi.laituri.participation;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.BrowserPages;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader comments on a post in Chromium, through the page's own form (no script), and the comment appears once a
 * publisher approves it. Then an XSS payload list goes through name and comment: on the built page and the feed
 * none runs, each shows as the text it is. The site and the service are one loopback server here, its base URL set
 * to its own address, so the browser never leaves 127.0.0.1.
 */
@MicronautTest(transactional = false)
public class CommentsInBrowserTest extends ApiTest {

    private static final int PORT = freePort();
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-browser-comments-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each would set window.pwned, or open an alert, if the page ran it as markup or script. */
    public static final List<String> PAYLOADS = List.of(
            "<script>window.pwned=1;alert(1)</script>",
            "<img src=x onerror=\"window.pwned=2;alert(2)\">",
            "<svg onload=window.pwned=3>",
            "\"><script>window.pwned=4</script>",
            "'><img src=x onerror=window.pwned=5>",
            "javascript:window.pwned=6",
            "[klikkaa](javascript:window.pwned=7)",
            "<a href=\"javascript:window.pwned=8\">linkki</a>",
            "https://example.com/\"onmouseover=\"window.pwned=9",
            "<iframe src=\"javascript:window.pwned=10\"></iframe>",
            "{{ 7*7 }} {% raw %} ${7*7}",
            "</textarea><script>window.pwned=11</script>",
            "<style>body{display:none}</style>",
            "&lt;b&gt;entity&lt;/b&gt; &amp;");

    @Inject
    SiteBuilder builder;

    private ChromeDriver browser;
    private ApiClient editor;
    private ApiClient publisher;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(PORT), "laituri.site.base-url", BASE,
                "laituri.site.output", SITE.toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "200ms", "laituri.participation.rate-limit.burst", "1000",
                "laituri.participation.max-links", "5");
    }

    @BeforeAll
    void start() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!present && "1".equals(System.getenv("LAITURI_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("LAITURI_REQUIRE_BROWSER=1 but chromium or chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "the browser tests need /usr/bin/chromium and /usr/bin/chromedriver");
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        builder.build(SITE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--window-size=1280,900", "--lang=fi");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReaderCommentsInTheBrowserAndTheCommentAppearsOnceApproved() throws Exception {
        Map<String, String> post = Readers.publishPost(editor, publisher, "Selaimessa " + System.nanoTime());
        Path page = SITE.resolve("current/fi/" + post.get("slug") + "/index.html");
        CommentsTest.awaitContaining(page, "comment-form");

        browser.get(BASE + "/fi/" + post.get("slug") + "/");
        browser.findElement(By.id("comment-name")).sendKeys("Selaileva Sanna");
        browser.findElement(By.id("comment-comment")).sendKeys("Kommentoin selaimella.");
        BrowserPages.clickAndAwaitNewPage(browser, browser.findElement(By.cssSelector(".comment-form button[type=submit]")));

        assertEquals("Kiitos kommentistasi", browser.findElement(By.tagName("h1")).getText());
        browser.get(BASE + "/fi/" + post.get("slug") + "/");
        assertFalse(browser.getPageSource().contains("Kommentoin selaimella."), "invisible until approved");

        approveAll(Long.parseLong(post.get("id")));
        CommentsTest.awaitContaining(page, "Kommentoin selaimella.");
        browser.get(BASE + "/fi/" + post.get("slug") + "/");
        assertTrue(browser.findElement(By.cssSelector(".comment-list")).getText().contains("Kommentoin selaimella."));
    }

    @Test
    void noPayloadRunsOnThePageOrInTheFeedAndEachShowsAsText() throws Exception {
        Map<String, String> post = Readers.publishPost(editor, publisher, "Hyökkäys " + System.nanoTime());
        long id = Long.parseLong(post.get("id"));
        Readers readers = new Readers(java.net.URI.create(BASE));
        for (String payload : PAYLOADS) {
            Readers.Answer answer = readers.post("/participation/comments", Readers.comment(id, payload, "Teksti: " + payload),
                    Map.of("Origin", BASE));
            assertEquals(200, answer.status(), payload + ": " + answer.body());
        }
        approveAll(id);
        Path page = SITE.resolve("current/fi/" + post.get("slug") + "/index.html");
        CommentsTest.awaitContaining(page, "&amp;lt;b&amp;gt;entity");

        browser.get(BASE + "/fi/" + post.get("slug") + "/");
        assertNoScriptRan();
        List<WebElement> comments = browser.findElements(By.cssSelector(".comment"));
        assertEquals(PAYLOADS.size(), comments.size());
        for (int i = 0; i < PAYLOADS.size(); i++) {
            WebElement comment = comments.get(i);
            assertEquals(PAYLOADS.get(i), comment.findElement(By.cssSelector(".comment-name")).getText());
            assertTrue(comment.findElement(By.cssSelector(".comment-text")).getText().contains(PAYLOADS.get(i).strip()),
                    comment.getText());
            for (WebElement link : comment.findElements(By.tagName("a"))) {
                assertTrue(link.getAttribute("href").startsWith("https://"), link.getAttribute("href"));
                assertEquals("nofollow ugc", link.getAttribute("rel"));
            }
        }
        assertEquals(0, browser.findElements(By.cssSelector(".comments script, .comments img, .comments svg, .comments iframe, .comments style")).size());

        for (String feed : List.of("/fi/feed.xml", "/feed.xml")) {
            browser.get(BASE + feed);
            assertNoScriptRan();
        }
    }

    private void assertNoScriptRan() {
        try {
            String text = browser.switchTo().alert().getText();
            throw new AssertionError("an alert opened: " + text);
        } catch (NoAlertPresentException expected) {
            // no alert
        }
        assertEquals(null, browser.executeScript("return window.pwned === undefined ? null : window.pwned"));
    }

    private void approveAll(long post) {
        List<?> items = (List<?>) publisher.get("/api/v1/comments?state=pending&size=500&post=" + post).body().get("items");
        for (Object item : items) {
            long id = ((Number) ((Map<?, ?>) item).get("id")).longValue();
            assertEquals(200, publisher.post("/api/v1/comments/" + id + "/approve", Map.of()).status());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
