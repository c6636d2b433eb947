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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code laituri serve} killed with SIGKILL while its scheduler carries out a due publication, inside the
 * transaction that publishes it (the {@code scheduled-publish} point of {@code fi.laituri.BuildPause}): after
 * the next start every due publication has happened exactly once, with one audit entry, one outbox event and
 * its page on the site.
 */
class KilledSchedulerTest {

    private static final String TOKEN = "killed-scheduler-admin-token-0123456789";
    private static final int SCHEDULED = 3;
    private static final List<String> DATABASES = new ArrayList<>();
    private final ServiceClient client = new ServiceClient(TOKEN);

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::drop);
    }

    @Test
    void everyDuePublicationHappensExactlyOnceAfterTheServiceWasKilledInsideTheSchedulersTransaction(@TempDir Path dir)
            throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Path marker = dir.resolve("paused");
        int port = ServiceClient.freePort();
        String base = "http://127.0.0.1:" + port;
        String database = TestDatabase.newDatabase();
        DATABASES.add(database);
        Map<String, String> env = client.environment(database);
        Map<Long, String> scheduled = new LinkedHashMap<>();

        try (LaituriProcess first = LaituriProcess.start(List.of("-Dlaituri.test.pause-at=scheduled-publish",
                "-Dlaituri.test.pause-marker=" + marker), folder, env, "serve", "--port", String.valueOf(port))) {
            assertTrue(first.awaitOutput("Laituri serves", Duration.ofMinutes(3)), first.out() + first.err());
            Map<Long, String> approved = new LinkedHashMap<>();
            for (int i = 0; i < SCHEDULED; i++) {
                approved.putAll(approvedArticle(base, "Ajastettu " + i + " " + System.nanoTime()));
            }
            // All due at the same moment, set only once the slow part is done, so that a busy machine cannot
            // take so long over it that the time has passed before the last one is scheduled.
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10);
            for (Map.Entry<Long, String> doc : approved.entrySet()) {
                HttpResponse<String> done = client.post(transitions(base, doc.getKey()), Map.of("action", "publish", "at", at.toString()));
                assertEquals(200, done.statusCode(), done.body());
            }
            scheduled.putAll(approved);

            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(marker), "the scheduler did not reach its publication: " + first.err());
            first.kill();
        }
        // Killed inside the transaction: nothing of the publication it was carrying out is in the database.
        assertEquals(0, count(database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published'"));

        try (LaituriProcess second = LaituriProcess.start(folder, env, "serve", "--port", String.valueOf(port))) {
            assertTrue(second.awaitOutput("Laituri serves", Duration.ofMinutes(3)), second.out() + second.err());
            for (Map.Entry<Long, String> doc : scheduled.entrySet()) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                int status = -1;
                while (System.nanoTime() < deadline && (status = client.get(base + "/fi/" + doc.getValue() + "/").statusCode()) != 200) {
                    Thread.sleep(200);
                }
                assertEquals(200, status, "document " + doc.getKey() + " reached the site after the restart");
            }
            for (long id : scheduled.keySet()) {
                assertEquals(1, count(database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published' "
                        + "AND actor = 'scheduler' AND document_id = " + id), "audit entries of document " + id);
                assertEquals(1, count(database, "SELECT COUNT(*) FROM outbox_event WHERE type = 'variant.published' "
                        + "AND document_id = " + id), "outbox events of document " + id);
                assertEquals(0, count(database, "SELECT COUNT(*) FROM variant WHERE publish_at IS NOT NULL "
                        + "AND document_id = " + id), "schedule left on document " + id);
            }
        }
        assertEquals(SCHEDULED, count(database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published'"));
    }


    /** A new Finnish article, submitted and approved: its id and slug. */
    private Map<Long, String> approvedArticle(String base, String title) throws Exception {
        HttpResponse<String> created = client.post(base + "/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", title, "body", "Julkaistaan ajallaan."))));
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> document = ServiceClient.parse(created.body());
        long id = ((Number) document.get("id")).longValue();
        for (String action : List.of("submit", "approve")) {
            HttpResponse<String> done = client.post(transitions(base, id), Map.of("action", action));
            assertEquals(200, done.statusCode(), action + ": " + done.body());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variants = (List<Map<String, Object>>) document.get("variants");
        return Map.of(id, (String) variants.get(0).get("slug"));
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
