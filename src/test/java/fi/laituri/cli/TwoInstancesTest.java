package fi.laituri.cli;

import com.sun.net.httpserver.HttpServer;
import fi.laituri.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code laituri serve} processes on one database and one site folder, as behind a load balancer: a burst of
 * edits, publishes and scheduled publishes sent to both in turn, and then every page is built and served by both,
 * each scheduled publish happened once, every change was built into the site once (between them) and every webhook
 * delivery was sent once.
 */
class TwoInstancesTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String ADMIN_TOKEN = "lt_two_instances_admin_0123456789";
    private static final Pattern SERVES = Pattern.compile("Laituri serves (http://\\S+)");
    private static final Pattern REBUILT = Pattern.compile("site rebuilt after (\\d+) change");
    private static final List<String> DATABASES = new ArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::drop);
    }

    /** One article's story: where it went through, what it should say at the end, and how many publishes it had. */
    private record Article(long id, String slug, String finalTitle, int publishes) {
    }

    @Test
    void twoInstancesBuildPublishScheduleAndDeliverEachChangeExactlyOnceAndLoseNone(@TempDir Path dir) throws Exception {
        String db = TestDatabase.newDatabase();
        DATABASES.add(db);
        Map<String, String> env = TestDatabase.processEnvironment(db);
        // The test's receiver is on loopback over plain http: an internal receiver, as an operator would allow one.
        env.put("LAITURI_WEBHOOKS_ALLOW_HTTP", "true");
        env.put("LAITURI_WEBHOOKS_ALLOWED_ADDRESSES", "127.0.0.1");
        env.put("LAITURI_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("LAITURI_SITE_OUTPUT", dir.resolve("site").toString());
        env.put("LAITURI_SITE_BASE_URL", "https://kotoutuminen.example.fi");
        env.put("LAITURI_SCHEDULER_INTERVAL", "300ms");
        env.put("LAITURI_WEBHOOKS_INTERVAL", "300ms");

        List<String> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            deliveries.add(exchange.getRequestHeaders().getFirst("X-Laituri-Delivery"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        // Started together on a new database, as an orchestrator starts them: one migrates it and makes the admin.
        try (LaituriProcess a = LaituriProcess.start(Files.createDirectories(dir.resolve("a")), env, "serve", "--port", "0")) {
            try (LaituriProcess b = LaituriProcess.start(Files.createDirectories(dir.resolve("b")), env, "serve", "--port", "0")) {
                String urlA = started(a);
                String urlB = started(b);
                List<String> instances = List.of(urlA, urlB);

                call(urlA, ADMIN_TOKEN, "POST", "/api/v1/webhooks", Map.of("url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "events",
                        List.of("variant.published", "variant.unpublished", "variant.scheduled", "variant.unscheduled", "variant.changed")), 201);
                String editor = (String) call(urlB, ADMIN_TOKEN, "POST", "/api/v1/users", Map.of("name", "eeva", "role", "editor"), 201).get("token");
                String publisher = (String) call(urlA, ADMIN_TOKEN, "POST", "/api/v1/users", Map.of("name", "pekka", "role", "publisher"), 201).get("token");

                // The burst: 16 articles at once from four writers, each step sent to the instance after the last one's.
                AtomicInteger turn = new AtomicInteger();
                ExecutorService writers = Executors.newFixedThreadPool(4);
                List<Future<Article>> stories = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    stories.add(writers.submit(() -> story(n, () -> instances.get(turn.getAndIncrement() % 2), editor, publisher)));
                }
                List<Article> articles = new ArrayList<>();
                for (Future<Article> f : stories) {
                    articles.add(f.get());
                }
                writers.shutdown();

                for (Article article : articles) {
                    Path page = dir.resolve("site/current/fi/" + article.slug() + "/index.html");
                    await("the page of " + article.slug() + " says " + article.finalTitle(), () ->
                            Files.isRegularFile(page) && Files.readString(page).contains(article.finalTitle()));
                    for (String instance : instances) {
                        HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(instance + "/fi/" + article.slug() + "/")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, served.statusCode(), instance + " serves " + article.slug());
                        assertTrue(served.body().contains(article.finalTitle()), instance + " serves the last version of " + article.slug());
                    }
                }

                try (Connection c = DriverManager.getConnection(env.get("LAITURI_DB_URL"), env.get("LAITURI_DB_USER"), env.get("LAITURI_DB_PASSWORD"))) {
                    await("no schedule is left", () -> number(c, "SELECT COUNT(*) FROM variant WHERE publish_at IS NOT NULL") == 0);
                    for (Article article : articles) {
                        assertEquals(article.publishes(), number(c, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published'"
                                + " AND document_id = " + article.id()), "publishes of document " + article.id());
                        assertEquals(article.publishes(), number(c, "SELECT COUNT(*) FROM outbox_event WHERE type = 'variant.published'"
                                + " AND document_id = " + article.id()), "publish events of document " + article.id());
                    }
                    long events = number(c, "SELECT COUNT(*) FROM outbox_event");
                    long lastEvent = number(c, "SELECT MAX(id) FROM outbox_event");

                    await("the site's position is at the last event", () ->
                            number(c, "SELECT MIN(position) FROM outbox_consumer WHERE name LIKE 'site:%'") == lastEvent);
                    assertEquals(1, number(c, "SELECT COUNT(*) FROM outbox_consumer WHERE name LIKE 'site:%'"),
                            "the instances sharing a site folder share its position");
                    assertEquals(events, rebuiltChanges(a) + rebuiltChanges(b),
                            "the changes the two instances built add up to the events, each built once: A " + rebuiltChanges(a)
                                    + ", B " + rebuiltChanges(b));

                    await("every delivery is made", () -> number(c, "SELECT COUNT(*) FROM webhook_delivery WHERE status <> 'delivered'") == 0
                            && number(c, "SELECT COUNT(*) FROM webhook_delivery") == events);
                    assertEquals(events, deliveries.size(), "deliveries received");
                    assertEquals(events, Set.copyOf(deliveries).size(), "each delivery id received once");
                    assertEquals(events, number(c, "SELECT SUM(attempts) FROM webhook_delivery"), "each delivery sent once");
                }
                assertTrue(rebuiltChanges(a) > 0 && rebuiltChanges(b) > 0, "both instances built: A " + rebuiltChanges(a) + ", B " + rebuiltChanges(b));
                assertEquals(List.of(), errors(a), "instance A logged no error");
                assertEquals(List.of(), errors(b), "instance B logged no error");
            }
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * One article: written, submitted, approved and published (every third scheduled a few seconds ahead); every
     * fourth is then edited and published again. Each call goes to {@code next}'s instance.
     */
    private Article story(int n, java.util.function.Supplier<String> next, String editor, String publisher) throws Exception {
        String title = "Ruuhka " + n + " " + System.nanoTime();
        Map<String, Object> created = call(next.get(), editor, "POST", "/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", title, "body", "Kappale " + n + "."))), 201);
        long id = ((Number) created.get("id")).longValue();
        @SuppressWarnings("unchecked")
        String slug = (String) ((List<Map<String, Object>>) created.get("variants")).get(0).get("slug");
        String variant = "/api/v1/documents/" + id + "/variants/fi";
        call(next.get(), editor, "POST", variant + "/transitions", Map.of("action", "submit"), 200);
        call(next.get(), publisher, "POST", variant + "/transitions", Map.of("action", "approve"), 200);
        call(next.get(), publisher, "POST", variant + "/transitions", n % 3 == 0
                ? Map.of("action", "publish", "at", OffsetDateTime.now().plusSeconds(3).toString())
                : Map.of("action", "publish"), 200);
        if (n % 4 != 1 || n % 3 == 0) {
            return new Article(id, slug, title, 1);
        }
        String edited = title + " (korjattu)";
        HttpResponse<String> current = send(next.get(), editor, "GET", variant, null);
        String etag = current.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> patched = http.send(request(next.get(), editor, "PATCH", variant, Map.of("title", edited))
                .header("If-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, patched.statusCode(), patched.body());
        call(next.get(), editor, "POST", variant + "/transitions", Map.of("action", "submit"), 200);
        call(next.get(), publisher, "POST", variant + "/transitions", Map.of("action", "approve"), 200);
        call(next.get(), publisher, "POST", variant + "/transitions", Map.of("action", "publish"), 200);
        return new Article(id, slug, edited, 2);
    }

    private static String started(LaituriProcess process) throws Exception {
        assertTrue(process.awaitOutput("Laituri serves", Duration.ofMinutes(3)), process.out() + process.err());
        Matcher m = SERVES.matcher(process.out());
        assertTrue(m.find(), process.out());
        return m.group(1).replaceAll("/+$", "");
    }

    private static long rebuiltChanges(LaituriProcess process) throws IOException {
        Matcher m = REBUILT.matcher(process.err());
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static List<String> errors(LaituriProcess process) throws IOException {
        return process.errLines().stream().filter(l -> l.contains(" ERROR ")).toList();
    }

    private HttpRequest.Builder request(String base, String token, String method, String path, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }

    private HttpResponse<String> send(String base, String token, String method, String path, Object body) throws Exception {
        return http.send(request(base, token, method, path, body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Map<String, Object> call(String base, String token, String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> reply = send(base, token, method, path, body);
        assertEquals(expected, reply.statusCode(), method + " " + base + path + ": " + reply.body());
        return JSON.readValue(reply.body(), Argument.mapOf(String.class, Object.class));
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
