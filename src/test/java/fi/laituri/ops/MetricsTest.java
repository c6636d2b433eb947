package fi.laituri.ops;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /metrics: Prometheus' text, for roles that may monitor, with the meters the operators' dashboards need. */
@MicronautTest(transactional = false)
class MetricsTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-metrics-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ContentFolder folder;

    @Inject
    SiteBuilder builder;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.search.rate-limit.burst", "3",
                "laituri.search.rate-limit.per-second", "0.01", "laituri.scheduler.interval", "100ms");
    }

    @BeforeAll
    void buildTheSeedSite() {
        folder.importFrom(Path.of("content"));
        builder.build(SITE);
    }

    @Test
    void onlyARoleThatMayMonitorReadsTheMetrics() {
        assertEquals(401, new ApiClient(client, null).get("/metrics").status());
        assertEquals(403, ApiClient.as(client, users, Role.EDITOR).get("/metrics").status());
        ApiClient.Reply metrics = ApiClient.as(client, users, Role.ADMIN).get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
    }

    @Test
    void theMetricsCountRequestsByRouteAndStatusBuildsSearchesRefusalsTheSchedulerTheOutboxAndThePool() {
        ApiClient editor = ApiClient.as(client, users, Role.EDITOR);
        assertEquals(200, editor.get("/api/v1/documents").status());
        ApiClient anonymous = new ApiClient(client, null);
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            if (anonymous.get("/api/search?q=kumppanuus&lang=fi").status() == 429) {
                refused++;
            }
        }
        assertTrue(refused > 0, "the tight search limit refused some searches");

        // Some meters appear with their job's first run (the scheduler's and the auto-build's come a moment after
        // start-up): wait until every series is there, or the deadline, rather than assume they came before.
        List<String> series = List.of(
                "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/api/v1/documents\"[^}]*}",
                "laituri_site_build_seconds_count\\{outcome=\"published\"}",
                "laituri_site_files_written_total",
                "laituri_search_seconds_count\\{endpoint=\"api\"}",
                "laituri_search_rate_limited_total",
                "laituri_scheduler_runs_total",
                "laituri_scheduler_failures_total",
                "laituri_outbox_lag_seconds\\{consumer=\"[^\"]+\"}",
                "hikaricp_connections_active\\{[^}]*}");
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);
        String text = admin.get("/metrics").text();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!hasAll(text, series) && System.nanoTime() < deadline) {
            sleep();
            text = admin.get("/metrics").text();
        }

        for (String one : series) {
            assertMetric(text, one);
        }
    }

    private static boolean hasAll(String text, List<String> series) {
        return series.stream().allMatch(one -> has(text, one));
    }

    private static boolean has(String text, String series) {
        return Pattern.compile("(?m)^" + series + " [0-9.eE+-]+$").matcher(text).find();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertMetric(String text, String series) {
        assertTrue(has(text, series), "no " + series + " in\n" + text.lines().filter(l -> !l.startsWith("#")).sorted()
                        .reduce("", (a, b) -> a + b + "\n"));
    }
}
