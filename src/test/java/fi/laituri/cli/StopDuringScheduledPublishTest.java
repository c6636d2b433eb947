package fi.laituri.cli;

import fi.laituri.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code laituri serve} asked to stop (SIGTERM) while its scheduler is inside the transaction of a due publication
 * (held there for a few seconds at the {@code scheduled-publish} point of {@code fi.laituri.BuildPause}): the HTTP
 * server stops first, the publication under way finishes and commits, and only then does the datasource close, so
 * the stop logs no error and exits with 0.
 */
class StopDuringScheduledPublishTest {

    private static final String TOKEN = "stop-during-publish-admin-token-0123456789";
    private static final List<String> DATABASES = new ArrayList<>();
    private final ServiceClient client = new ServiceClient(TOKEN);

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::drop);
    }

    @Test
    void sigtermWhileTheSchedulerPublishesLetsThePublicationFinishAndLogsNoError(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Path marker = dir.resolve("paused");
        int port = ServiceClient.freePort();
        String base = "http://127.0.0.1:" + port;
        String database = TestDatabase.newDatabase();
        DATABASES.add(database);
        Map<String, String> env = client.environment(database);

        try (LaituriProcess serve = LaituriProcess.start(List.of("-Dlaituri.test.pause-at=scheduled-publish",
                "-Dlaituri.test.pause-marker=" + marker, "-Dlaituri.test.pause-for=3000"), folder, env,
                "serve", "--port", String.valueOf(port))) {
            assertTrue(serve.awaitOutput("Laituri serves", Duration.ofMinutes(3)), serve.out() + serve.err());
            long id = approvedArticle(base, "Ajastettu pysäytettäessä " + System.nanoTime());
            HttpResponse<String> scheduled = client.post(transitions(base, id), Map.of("action", "publish",
                    "at", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).toString()));
            assertEquals(200, scheduled.statusCode(), scheduled.body());

            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(marker), "the scheduler did not reach its publication: " + serve.err());
            serve.terminate();

            assertEquals(0, serve.awaitExit(Duration.ofMinutes(2)), serve.out() + serve.err());
            String log = serve.out() + serve.err();
            assertFalse(log.contains(" ERROR "), log);
            assertFalse(log.contains("Exception"), log);
            assertEquals(1, count(database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published' "
                    + "AND actor = 'scheduler' AND document_id = " + id), "the publication under way was finished:\n" + log);
        }
    }

    /** A new Finnish article, submitted and approved: its id. */
    private long approvedArticle(String base, String title) throws Exception {
        HttpResponse<String> created = client.post(base + "/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", title, "body", "Julkaistaan ajallaan."))));
        assertEquals(201, created.statusCode(), created.body());
        long id = ((Number) ServiceClient.parse(created.body()).get("id")).longValue();
        for (String action : List.of("submit", "approve")) {
            HttpResponse<String> done = client.post(transitions(base, id), Map.of("action", action));
            assertEquals(200, done.statusCode(), action + ": " + done.body());
        }
        return id;
    }

    private static String transitions(String base, long document) {
        return base + "/api/v1/documents/" + document + "/variants/fi/transitions";
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(database), TestDatabase.user(), TestDatabase.password());
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
