package fi.laituri.site;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The automatic build as serve runs it, with a renderer the test can hold or make fail: no transaction
 * is open while a build renders, a failed build is reported and built again after its backoff, and a
 * damaged manifest is reported while the build still goes live.
 */
@MicronautTest(transactional = false)
class BuildOutsideTransactionsTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-site-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    SiteBuilder builder;

    @Inject
    HeldRenderer held;

    @Inject
    MeterRegistry meters;

    @Inject
    AutoBuild autoBuild;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    private ApiClient editor;
    private ApiClient publisher;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "100ms", "laituri.site.auto-build-backoff-base", "300ms",
                "laituri.site.auto-build-backoff-max", "1s", "laituri.test.held-renderer", "true");
    }

    @BeforeAll
    void buildSite() {
        builder.build(SITE);
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
    }

    @Test
    void whileABuildRendersNoTransactionIsOpenAndTheOutboxPositionIsFreeToLock() throws Exception {
        held.hold();
        Path page;
        try {
            page = page(ApiClient.publishNewArticle(editor, publisher, "Odottava " + System.nanoTime(), "Rakennetaan."));
            held.awaitRendering();

            assertEquals(0, number("SELECT COUNT(*) FROM information_schema.innodb_trx t"
                            + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
                            + " WHERE p.db = DATABASE() AND p.id <> CONNECTION_ID()"),
                    "a transaction of the application is open while the site renders");
            assertNotNull(tx.executeWrite(s -> number("SELECT position FROM outbox_consumer WHERE name LIKE 'site:%' FOR UPDATE NOWAIT")),
                    "the site consumer's position row can be locked at once while the build runs");
        } finally {
            held.release();
        }
        await("the page is built", () -> Files.isRegularFile(page));
        await("the position moves past the publish", () -> number("SELECT position FROM outbox_consumer WHERE name LIKE 'site:%'")
                == number("SELECT MAX(id) FROM outbox_event"));
    }

    @Test
    void aFailedAutomaticBuildIsCountedAndBuiltAgainAfterItsBackoff() throws Exception {
        double before = failures();
        held.failing(true);
        Path page;
        try {
            page = page(ApiClient.publishNewArticle(editor, publisher, "Epäonninen " + System.nanoTime(), "Ei vielä."));
            await("the failure is counted", () -> failures() > before);
            assertTrue(!Files.exists(page), "a failed build went live");
        } finally {
            held.failing(false);
        }
        await("the page is built after the backoff", () -> Files.isRegularFile(page));
    }

    @Test
    void theAutomaticBuildBacksOffDoublingUpToItsMaximum() {
        assertEquals(Duration.ofMillis(300), autoBuild.backoff(1));
        assertEquals(Duration.ofMillis(600), autoBuild.backoff(2));
        assertEquals(Duration.ofSeconds(1), autoBuild.backoff(3));
        assertEquals(Duration.ofSeconds(1), autoBuild.backoff(40));
    }

    @Test
    void aDamagedManifestIsReportedAndTheBuildStillGoesLive() throws IOException {
        BuildReport first = builder.build(SITE);
        Path manifest = first.live().resolveSibling(first.live().getFileName() + ".manifest");
        Files.writeString(manifest, "laituri-site-manifest 2\nsite\nbroken\tline\nend\n", StandardCharsets.UTF_8);
        double before = meters.counter("laituri.site.manifest.unreadable").count();

        BuildReport report = builder.build(SITE);

        assertNotNull(report.live(), "the build went live");
        assertEquals(before + 1, meters.counter("laituri.site.manifest.unreadable").count());
        assertEquals(0, report.unchanged(), "with the live manifest unreadable, every file is rendered afresh");
        assertTrue(Files.isRegularFile(SITE.resolve("current/index.html")));
    }

    private double failures() {
        return meters.counter("laituri.site.build.failures").count();
    }

    private static Path page(ApiClient.Reply created) {
        return SITE.resolve("current/fi/" + created.get("variants.0.slug") + "/index.html");
    }

    private long number(String sql) {
        return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s: " + what);
            Thread.sleep(50);
        }
    }
}
