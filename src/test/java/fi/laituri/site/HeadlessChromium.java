package fi.laituri.site;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Debian's chromium and chromedriver, driven by Selenium. Both paths are given, so Selenium Manager
 * never tries to download a browser or a driver. Without them the browser tests are skipped, unless
 * {@code LAITURI_REQUIRE_BROWSER=1} (set by {@code .ci/run}) makes a missing browser a failure.
 */
public final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
    /**
     * The tests use no DevTools protocol, so Selenium's warning that it has none for this browser's version
     * is noise. Held here, as java.util.logging keeps loggers only weakly.
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private HeadlessChromium() {
    }

    /** Whether chromium and chromedriver are here; when they must be (in CI), their absence is a failure. */
    public static boolean installed() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present && "1".equals(System.getenv("LAITURI_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("LAITURI_REQUIRE_BROWSER=1 but " + BROWSER + " or " + DRIVER
                    + " is missing; install them with: " + INSTALL);
        }
        return present;
    }

    /** Skips the test, saying how to install the browser, when it is not installed. */
    public static void assumeInstalled(boolean installed) {
        Assumptions.assumeTrue(installed, "the browser tests need " + BROWSER + " and " + DRIVER
                + "; install them with: " + INSTALL + " (LAITURI_REQUIRE_BROWSER=1 makes their absence a failure)");
    }

    /** A new headless browser window. */
    public static ChromeDriver start() {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--window-size=1280,900", "--lang=fi");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
