package fi.laituri;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting in a real browser for the page that a click or a key leads to. */
public final class BrowserPages {

    private BrowserPages() {
    }

    /**
     * Clicks {@code element} and waits for the page it leads to: a click returns before the browser has left the page,
     * and an element looked for at once may be the old page's, gone by the time it is read.
     */
    public static void clickAndAwaitNewPage(WebDriver browser, WebElement element) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        awaitNewPage(browser, page);
    }

    /** Waits (up to 20 s) until {@code old}, an element of the page before, is gone. */
    public static void awaitNewPage(WebDriver browser, WebElement old) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                old.isDisplayed();
            } catch (WebDriverException gone) {
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
}
