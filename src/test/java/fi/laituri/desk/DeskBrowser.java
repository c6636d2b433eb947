package fi.laituri.desk;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the desk's browser tests do alike in Chromium: sign in, press and wait for the next page, move by keyboard,
 * run axe-core (WCAG 2.1 A and AA) and check that no XSS payload ran.
 */
final class DeskBrowser {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver browser;
    private final String base;
    private final String password;
    private final String axe;

    DeskBrowser(ChromeDriver browser, String base, String password) {
        this.browser = browser;
        this.base = base;
        this.password = password;
        try (InputStream script = Objects.requireNonNull(DeskBrowser.class.getResourceAsStream("/axe.min.js"), "axe.min.js")) {
            this.axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on now, for a test's own server. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> axeViolations() {
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

    void assertNoScriptRan(String page) {
        try {
            String text = browser.switchTo().alert().getText();
            fail(page + " opened an alert: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : window.pwned"),
                page);
    }

    void signIn(String name) {
        browser.get(base + "/desk/sign-in?lang=fi");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        press(button("Kirjaudu"));
        assertTrue(browser.getCurrentUrl().endsWith("/desk/"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
    }

    void signInByKeyboard(String name) {
        browser.get(base + "/desk/sign-in?lang=fi");
        tabTo(By.id("name"));
        type(name);
        type(Keys.TAB);
        type(password);
        typeAndWait(Keys.ENTER);
        assertTrue(browser.getCurrentUrl().endsWith("/desk/"), browser.getCurrentUrl());
    }

    void signOut() {
        browser.get(base + "/desk/");
        press(button("Kirjaudu ulos"));
        assertTrue(browser.getCurrentUrl().contains("/desk/sign-in"), browser.getCurrentUrl());
    }

    /** Clicks and waits for the page the click leads to. */
    void press(WebElement element) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        awaitNewPage(page);
    }

    void awaitNewPage(WebElement old) {
        fi.laituri.BrowserPages.awaitNewPage(browser, old);
    }

    /** Presses a key and waits for the page it leads to. */
    void typeAndWait(CharSequence keys) {
        WebElement page = browser.findElement(By.tagName("html"));
        type(keys);
        awaitNewPage(page);
    }

    WebElement button(String text) {
        List<WebElement> found = browser.findElements(By.xpath("//button[normalize-space()=\"" + text + "\"]"));
        if (found.isEmpty()) {
            fail("no button \"" + text + "\" on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource());
        }
        return found.get(0);
    }

    /** Presses Tab until the element has the focus: it must be reachable by keyboard, in at most 200 steps. */
    void tabTo(By locator) {
        tabTo(browser.findElement(locator));
    }

    void tabTo(WebElement target) {
        for (int i = 0; i < 200; i++) {
            if (target.equals(browser.switchTo().activeElement())) {
                return;
            }
            type(Keys.TAB);
        }
        fail("Tab never reached " + target.getTagName() + " " + target.getText() + " on " + browser.getCurrentUrl());
    }

    void type(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }
}
