package fi.laituri.cli;

import fi.laituri.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code laituri serve} killed with SIGKILL while clients write and right after a publish: every write it
 * acknowledged is there after the next start, and the publish it acknowledged reaches the site then, though
 * the build it started may have died with the process.
 */
class KilledServiceTest {

    private static final String TOKEN = "killed-service-admin-token-0123456789";
    private static final List<String> DATABASES = new ArrayList<>();
    private final ServiceClient client = new ServiceClient(TOKEN);

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::drop);
    }

    @Test
    void whatAKilledServiceAcknowledgedIsThereAfterTheNextStartAndItsPublishReachesTheSite(@TempDir Path dir)
            throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        int port = ServiceClient.freePort();
        String base = "http://127.0.0.1:" + port;
        String database = TestDatabase.newDatabase();
        DATABASES.add(database);
        Map<String, String> env = client.environment(database);
        List<Long> acknowledged = new CopyOnWriteArrayList<>();
        String slug;
        try (LaituriProcess first = LaituriProcess.start(folder, env, "serve", "--port", String.valueOf(port))) {
            assertTrue(first.awaitOutput("Laituri serves", Duration.ofMinutes(3)), first.out() + first.err());
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    try {
                        HttpResponse<String> created = client.post(base + "/api/v1/documents", article("Luonnos " + i));
                        if (created.statusCode() == 201) {
                            acknowledged.add(((Number) ServiceClient.parse(created.body()).get("id")).longValue());
                        }
                    } catch (IOException | InterruptedException gone) {
                        return;
                    }
                }
            }, "killed-service-writer");
            writer.start();
            awaitCount(acknowledged, 10);
            slug = publishNewArticle(base, "Julkaistu juuri ennen kaatumista");

            first.kill();
            writing.set(false);
            writer.join(Duration.ofMinutes(1).toMillis());
        }
        assertTrue(acknowledged.size() >= 10, acknowledged.toString());

        try (LaituriProcess second = LaituriProcess.start(folder, env, "serve", "--port", String.valueOf(port))) {
            assertTrue(second.awaitOutput("Laituri serves", Duration.ofMinutes(3)), second.out() + second.err());
            for (long id : acknowledged) {
                assertEquals(200, client.get(base + "/api/v1/documents/" + id).statusCode(), "document " + id + " was acknowledged");
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            int status = -1;
            while (System.nanoTime() < deadline && (status = client.get(base + "/fi/" + slug + "/").statusCode()) != 200) {
                Thread.sleep(200);
            }
            assertEquals(200, status, "the acknowledged publish reached the site after the restart");
        }
    }


    private String publishNewArticle(String base, String title) throws Exception {
        HttpResponse<String> created = client.post(base + "/api/v1/documents", article(title));
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> document = ServiceClient.parse(created.body());
        String transitions = base + "/api/v1/documents/" + document.get("id") + "/variants/fi/transitions";
        for (String action : List.of("submit", "approve", "publish")) {
            HttpResponse<String> done = client.post(transitions, Map.of("action", action));
            assertEquals(200, done.statusCode(), action + ": " + done.body());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variants = (List<Map<String, Object>>) document.get("variants");
        return (String) variants.get(0).get("slug");
    }

    private static Map<String, Object> article(String title) {
        return Map.of("kind", "article", "variants", List.of(Map.of("language", "fi", "title", title,
                "body", "Kirjoitettu kesken kaiken.")));
    }




    private static void awaitCount(List<Long> list, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (list.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(list.size() >= count, "only " + list.size() + " writes were acknowledged in a minute");
    }

}
