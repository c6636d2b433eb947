package fi.laituri.cli;

import fi.laituri.FileTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar alone: {@code laituri demo} started in an empty folder, with nothing but its embedded MariaDB, as a
 * newcomer runs it. It brings its own theme and seed content; while it runs, a second command on its data folder
 * is told who holds it; SIGTERM stops it in order. The tests share one demo and stop it last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoInAnEmptyFolderTest {

    private static final Duration START = Duration.ofMinutes(4);

    @TempDir
    static Path temp;

    private Path dataDir;
    private Path folder;
    private int port;
    private LaituriProcess demo;

    @BeforeAll
    void startTheDemoInAnEmptyFolder() throws Exception {
        dataDir = EmbeddedDatabaseRestartTest.outsideTemp().resolve("demo-empty-" + ProcessHandle.current().pid());
        folder = Files.createDirectories(temp.resolve("empty"));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        demo = LaituriProcess.start(folder, Map.of("LAITURI_DATA_DIR", dataDir.toString()), "demo", "--port", String.valueOf(port));
        assertTrue(demo.awaitOutput("admin token", START), () -> "the demo did not start: " + output());
    }

    @AfterAll
    void stopTheDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
        FileTrees.delete(dataDir);
    }

    @Test
    @Order(1)
    void itImportsTheSeedContentBuildsTheSiteWithTheDefaultThemeAndPrintsAnAdminToken() throws IOException {
        Matcher imported = Pattern.compile("Imported: (\\d+) created").matcher(demo.out());
        assertTrue(imported.find() && Integer.parseInt(imported.group(1)) > 0, demo.out());
        assertTrue(Pattern.compile("admin token +lt_\\S+").matcher(demo.out()).find(), demo.out());
        String home = Files.readString(folder.resolve("site/current/fi/index.html"));
        assertTrue(home.contains("<title>"), home);
    }

    @Test
    @Order(2)
    void theSitesAbsoluteUrlsUseTheDemosPort() throws IOException {
        String home = Files.readString(folder.resolve("site/current/fi/index.html"));
        String sitemap = Files.readString(folder.resolve("site/current/sitemap.xml"));

        assertTrue(home.contains("http://localhost:" + port + "/fi/"), home);
        assertTrue(sitemap.contains("http://localhost:" + port + "/"), sitemap);
        assertFalse(sitemap.contains("localhost:8080"), sitemap);
    }

    @Test
    @Order(3)
    void theSeedContentsMediaFilesAreKeptInTheDataFolderNotTheWorkingFolder() throws IOException {
        assertTrue(Files.isDirectory(dataDir.resolve("media/files")), "no media folder under " + dataDir);
        try (var files = Files.walk(dataDir.resolve("media/files"))) {
            assertTrue(files.anyMatch(Files::isRegularFile), "the seed's images are under " + dataDir.resolve("media"));
        }
        assertFalse(Files.exists(folder.resolve("data")), "nothing of the data folder in the working folder");
    }

    @Test
    @Order(4)
    void aBuildOnTheDataFolderTheDemoHoldsSaysSoInOneLineAndHowToReachItsDatabase() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("builder"));
        try (LaituriProcess build = LaituriProcess.start(elsewhere, Map.of("LAITURI_DATA_DIR", dataDir.toString()), "build")) {
            assertEquals(2, build.awaitExit(Duration.ofMinutes(1)), build.err());
            assertEquals(1, build.errLines().size(), build.err());
            assertTrue(build.err().startsWith("laituri: another Laituri (pid "), build.err());
            assertTrue(build.err().contains("is using the data folder " + dataDir), build.err());
            assertTrue(build.err().contains("LAITURI_DB_URL=jdbc:mariadb://127.0.0.1:"), build.err());
            assertFalse(Files.exists(elsewhere.resolve("site")), "the refused build wrote nothing");
        }
    }

    @Test
    @Order(5)
    void sigtermStopsTheDemoInOrderWithoutAnErrorOrAStackTrace() throws Exception {
        demo.terminate();

        assertEquals(0, demo.awaitExit(Duration.ofMinutes(2)), demo.err());
        String err = demo.err();
        assertFalse(err.contains(" ERROR "), err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("Exception"), err);
    }

    private String output() {
        try {
            return demo.out() + demo.err();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
