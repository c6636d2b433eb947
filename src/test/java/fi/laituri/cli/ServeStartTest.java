package fi.laituri.cli;

import fi.laituri.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code laituri serve} as a process: a start that cannot serve changes nothing, and one that can says what it lacks. */
class ServeStartTest {

    private static final List<String> DATABASES = new ArrayList<>();

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::drop);
    }

    private static Map<String, String> freshDatabase() {
        String db = TestDatabase.newDatabase();
        DATABASES.add(db);
        return TestDatabase.processEnvironment(db);
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLineAndCreatesNoAdminAndBuildsNoSite(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Map<String, String> env = freshDatabase();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            try (LaituriProcess serve = LaituriProcess.start(folder, env, "serve", "--port", String.valueOf(port))) {
                assertEquals(2, serve.awaitExit(Duration.ofMinutes(2)), serve.err());
                assertEquals(1, serve.errLines().size(), serve.err());
                assertTrue(serve.err().startsWith("laituri: cannot listen for HTTP on port " + port), serve.err());
                assertFalse(serve.out().contains("Created user admin"), serve.out());
            }
        }
        assertEquals(0, users(env.get("LAITURI_DB_URL")), "no admin was created");
        assertFalse(Files.exists(folder.resolve("site")), "no site was built");
    }

    @Test
    void serveWithoutABaseUrlWarnsOnceThatTheSitesLinksPointAtLocalhost(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        try (LaituriProcess serve = LaituriProcess.start(folder, freshDatabase(), "serve", "--port", "0")) {
            assertTrue(serve.awaitOutput("Laituri serves", Duration.ofMinutes(2)), serve.out() + serve.err());
            List<String> warnings = serve.errLines().stream().filter(l -> l.contains("LAITURI_SITE_BASE_URL")).toList();
            assertEquals(1, warnings.size(), serve.err());
            assertTrue(warnings.get(0).startsWith("laituri: warning: "), warnings.get(0));
            assertTrue(warnings.get(0).contains("feeds, canonical and hreflang"), warnings.get(0));
            assertTrue(warnings.get(0).contains("http://localhost:"), warnings.get(0));
        }
    }

    private static int users(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             PreparedStatement tables = c.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'app_user'")) {
            try (ResultSet rs = tables.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return 0;
                }
            }
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM app_user"); ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
