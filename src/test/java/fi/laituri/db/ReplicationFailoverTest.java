package fi.laituri.db;

import fi.laituri.ApiClient;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.content.PublicContent;
import fi.laituri.security.Actor;
import fi.laituri.ops.DatabaseOutage;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import fi.laituri.workflow.Transitions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MariaDB's own replication under Laituri: a primary and a semi-synchronous replica as private {@code mariadbd}
 * processes, Laituri on {@code jdbc:mariadb:replication://primary,replica/laituri}. The public content API reads from
 * the replica, everything else from the primary; a replica that goes away costs no request anything (the primary
 * answers, the database breaker stays closed) and public reads go back to it when it returns; the primary is then
 * killed, the replica promoted, and every write Laituri had acknowledged is there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationFailoverTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    private static Path dir;
    private static PrivateMariaDb primary;
    private static PrivateMariaDb replica;

    @BeforeAll
    static void startPrimaryAndReplica() throws Exception {
        assumeTrue(PrivateMariaDb.installed(), "needs Debian's mariadb-server (mariadbd, mariadb-install-db)");
        dir = Files.createTempDirectory("laituri-replication-");
        Path template = dir.resolve("template");
        PrivateMariaDb.install(template);
        primary = PrivateMariaDb.start(template, dir.resolve("primary"), "--server-id=1", "--log-bin=binlog", "--binlog-format=ROW",
                "--rpl-semi-sync-master-wait-point=AFTER_SYNC",
                // a commit waits up to a minute for the replica's acknowledgement rather than going on without it
                "--rpl-semi-sync-master-timeout=60000",
                // but not while no replica is connected at all (one killed, or stopped): writes then go on at once
                "--rpl-semi-sync-master-wait-no-slave=OFF");
        replica = PrivateMariaDb.start(template, dir.resolve("replica"), "--server-id=2", "--log-bin=binlog", "--binlog-format=ROW",
                "--rpl-semi-sync-slave-enabled=ON", "--read-only=ON");
        replica.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos", "START SLAVE");
        // Semi-synchronous from when the replica is there: each commit then waits until the replica has it.
        primary.execute("SET GLOBAL rpl_semi_sync_master_enabled = ON");
        await("the replica acknowledges commits", () -> "1".equals(status(primary, "RPL_SEMI_SYNC_MASTER_CLIENTS")));
        primary.execute("CREATE DATABASE laituri CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        await("the replica has the database", () -> {
            try {
                return !replica.row("SHOW DATABASES LIKE 'laituri'").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopBoth() throws Exception {
        try (PrivateMariaDb p = primary; PrivateMariaDb r = replica) {
            // closed in reverse order; each deletes its folder
        } finally {
            if (dir != null) {
                fi.laituri.FileTrees.delete(dir);
            }
        }
    }

    private static ApplicationContext laituri(String url) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", url);
        p.put("datasources.default.username", "root");
        p.put("datasources.default.password", "");
        p.put("micronaut.server.port", -1);
        p.put("laituri.scheduler.enabled", false);
        return ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext();
    }

    private static String replicationUrl() {
        return "jdbc:mariadb:replication://127.0.0.1:" + primary.port() + ",127.0.0.1:" + replica.port() + "/laituri";
    }

    /** A Finnish article written, approved and published; its slug. */
    private static String published(ApplicationContext context, String title) {
        Api.DocumentView doc = context.getBean(Documents.class).createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, "Kappale.", null, null, null))), EDITOR);
        Transitions transitions = context.getBean(Transitions.class);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
        return doc.variants().get(0).slug();
    }

    private static int publicApi(ApplicationContext context, String slug) {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try (HttpClient client = HttpClient.create(server.getURL())) {
            return client.toBlocking().exchange(HttpRequest.GET("/api/public/v1/fi/" + slug)).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    @Order(1)
    void thePublicApiReadsFromTheReplicaAndEverythingElseFromThePrimary() throws Exception {
        try (ApplicationContext context = laituri(replicationUrl())) {
            String first = published(context, "Replikoitu " + UUID.randomUUID());
            await("the replica serves the first page", () -> publicApi(context, first) == 200);

            replica.execute("STOP SLAVE SQL_THREAD");
            try {
                String second = published(context, "Pysäytetty " + UUID.randomUUID());
                assertEquals(HttpStatus.NOT_FOUND.getCode(), publicApi(context, second),
                        "the public API asks the replica, which has not applied the publish");
                assertTrue(context.getBean(PublicContent.class).find("fi", second).isPresent(),
                        "a read-only transaction outside the public API (as the site build's) reads the primary");
            } finally {
                replica.execute("START SLAVE SQL_THREAD");
            }
        }
    }

    @Test
    @Order(2)
    void whileTheReplicaIsAwayThePublicApiAnswersFromThePrimaryAndGoesBackToTheReplicaWhenItReturns() throws Exception {
        try (ApplicationContext context = laituri(replicationUrl())) {
            String first = published(context, "Ennen katkoa " + UUID.randomUUID());
            await("the replica serves the first page", () -> publicApi(context, first) == 200);
            // Several pooled connections with a live replica link, so that the outage breaks more than one of them.
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Thread reader = new Thread(() -> publicApi(context, first));
                reader.start();
                readers.add(reader);
            }
            for (Thread reader : readers) {
                reader.join();
            }

            replica.execute("STOP SLAVE SQL_THREAD");
            String onlyOnPrimary = published(context, "Vain pääpalvelimella " + UUID.randomUUID());
            assertEquals(HttpStatus.NOT_FOUND.getCode(), publicApi(context, onlyOnPrimary),
                    "the public API asks the replica, which has not applied the publish");

            replica.kill();
            for (int i = 0; i < 30; i++) {
                assertEquals(200, publicApi(context, onlyOnPrimary),
                        "read " + i + " with the replica away is answered by the primary");
                assertEquals(200, publicApi(context, first), "read " + i + " of a page both have");
            }

            replica.restart();
            replica.execute("STOP SLAVE SQL_THREAD");
            await("the replica acknowledges commits again", () -> "1".equals(status(primary, "RPL_SEMI_SYNC_MASTER_CLIENTS")));
            try {
                String notYetOnReplica = published(context, "Paluun jälkeen " + UUID.randomUUID());
                // Laituri tries the replica again every laituri.db.replica-probe-interval (2 s); reads then go to it.
                await("public reads go to the replica again", () -> {
                    int status = publicApi(context, notYetOnReplica);
                    assertTrue(status == 200 || status == 404, "a public read answered " + status);
                    return status == 404;
                });
                replica.execute("START SLAVE SQL_THREAD");
                await("the replica catches up", () -> publicApi(context, notYetOnReplica) == 200);
            } finally {
                replica.execute("START SLAVE SQL_THREAD");
            }
        }
        await("the primary waits for the replica at each commit again", () -> "ON".equals(status(primary, "RPL_SEMI_SYNC_MASTER_STATUS")));
    }

    @Test
    @Order(3)
    void whileTheReplicaIsKilledEditorialAndPublicRequestsAreAnsweredAtOnceAndReadsReturnToItAfterItsRestart() throws Exception {
        answeredWhileTheReplicaIsAway(replicationUrl(), replica::kill, replica::restart);
    }

    @Test
    @Order(4)
    void whileTheReplicasHostIsGoneEditorialAndPublicRequestsAreAnsweredAtOnceAndReadsReturnToItAfter() throws Exception {
        // Laituri reaches the replica through a relay that, cut, answers nothing and refuses nothing.
        try (LoopbackRelay relay = new LoopbackRelay(replica.port())) {
            answeredWhileTheReplicaIsAway("jdbc:mariadb:replication://127.0.0.1:" + primary.port() + ",127.0.0.1:" + relay.port()
                    + "/laituri", relay::cut, relay::restore);
        }
    }

    /** What takes the replica away, or brings it back. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Under a running service on {@code url}, the replica is taken {@code away} for 12 s, during which editorial reads
     * and writes and public reads, four clients at once, are each answered within 2 s and never refused, and the
     * database breaker stays closed; {@code back}, public reads go to the replica again.
     */
    private static void answeredWhileTheReplicaIsAway(String url, Step away, Step back) throws Exception {
        try (ApplicationContext context = laituri(url);
             HttpClient http = HttpClient.create(context.getBean(EmbeddedServer.class).getURL())) {
            Users users = context.getBean(Users.class);
            ApiClient editor = ApiClient.as(http, users, Role.EDITOR);
            ApiClient anonymous = new ApiClient(http, null);
            DatabaseOutage breaker = context.getBean(DatabaseOutage.class);
            String first = published(context, "Ennen replikan katkoa " + UUID.randomUUID());
            await("the replica serves the first page", () -> publicApi(context, first) == 200);
            Number id = editor.post("/api/v1/documents", article("Toimituksen " + UUID.randomUUID())).get("id");
            // Every pooled connection used for public reads, so that each holds a replica link the outage breaks.
            inParallel(8, 3, round -> {
                assertEquals(200, anonymous.get("/api/public/v1/fi/" + first).status());
                assertEquals(200, editor.get("/api/v1/documents/" + id).status());
            });

            away.run();
            long outageEnds = System.nanoTime() + 12_000_000_000L;
            while (System.nanoTime() < outageEnds) {
                inParallel(4, 2, round -> {
                    within2Seconds(() -> editor.get("/api/v1/documents"), 200, "editorial list");
                    within2Seconds(() -> editor.get("/api/v1/documents/" + id), 200, "editorial read");
                    within2Seconds(() -> editor.post("/api/v1/documents", article("Katkon aikana " + UUID.randomUUID())),
                            201, "editorial write");
                    within2Seconds(() -> anonymous.get("/api/public/v1/fi/" + first), 200, "public read");
                    within2Seconds(() -> anonymous.get("/api/public/v1/fi"), 200, "public list");
                });
                assertFalse(breaker.isOpen(), "the database breaker stays closed while only the replica is away");
            }
            assertEquals(200, anonymous.get("/health/readiness").status(), "ready while only the replica is away");

            back.run();
            replica.execute("STOP SLAVE SQL_THREAD");
            await("the replica acknowledges commits again", () -> "1".equals(status(primary, "RPL_SEMI_SYNC_MASTER_CLIENTS")));
            try {
                String notYetOnReplica = published(context, "Replikan paluun jälkeen " + UUID.randomUUID());
                await("public reads go to the replica again", () -> {
                    int status = publicApi(context, notYetOnReplica);
                    assertTrue(status == 200 || status == 404, "a public read answered " + status);
                    return status == 404;
                });
                replica.execute("START SLAVE SQL_THREAD");
                await("the replica catches up", () -> publicApi(context, notYetOnReplica) == 200);
            } finally {
                replica.execute("START SLAVE SQL_THREAD");
            }
            assertEquals(200, editor.get("/api/v1/documents/" + id).status());
        }
        await("the primary waits for the replica at each commit again", () -> "ON".equals(status(primary, "RPL_SEMI_SYNC_MASTER_STATUS")));
    }

    private static Map<String, Object> article(String title) {
        return Map.of("kind", "article", "variants", List.of(Map.of("language", "fi", "title", title, "body", "Kappale.")));
    }

    /** Runs {@code work} {@code rounds} times on each of {@code threads} threads at once; the first failure fails the test. */
    private static void inParallel(int threads, int rounds, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        work.accept(round);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void within2Seconds(Supplier<ApiClient.Reply> request, int status, String what) {
        long started = System.nanoTime();
        ApiClient.Reply reply = request.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(status, reply.status(), what + " with the replica away: " + reply.text());
        assertTrue(millis < 2_000, what + " with the replica away took " + millis + " ms");
    }

    @Test
    @Order(5)
    void afterThePrimaryIsKilledAndTheReplicaPromotedEveryAcknowledgedWriteIsThere() throws Exception {
        List<Long> acknowledged = new ArrayList<>();
        try (ApplicationContext context = laituri(replicationUrl())) {
            String unacknowledgedBefore = status(primary, "RPL_SEMI_SYNC_MASTER_NO_TX");
            Documents documents = context.getBean(Documents.class);
            for (int i = 0; i < 40; i++) {
                acknowledged.add(documents.createDocument(new Api.CreateDocument("article", null,
                        List.of(new Api.VariantInput("fi", "Kuitattu " + i + " " + UUID.randomUUID(), null, null, "Teksti " + i + ".",
                                null, null, null))), EDITOR).id());
            }
            String status = status(primary, "RPL_SEMI_SYNC_MASTER_STATUS");
            String unacknowledged = status(primary, "RPL_SEMI_SYNC_MASTER_NO_TX");
            primary.kill();
            assertEquals("ON", status, "the primary waited for the replica at each commit");
            assertEquals(unacknowledgedBefore, unacknowledged, "no commit went without the replica's acknowledgement");
        }

        // Promotion: apply everything the replica received, stop replicating, accept writes.
        replica.execute("STOP SLAVE IO_THREAD");
        await("the replica has applied all it received", () -> {
            try {
                Map<String, String> status = replica.row("SHOW SLAVE STATUS");
                return status.get("Read_Master_Log_Pos").equals(status.get("Exec_Master_Log_Pos"))
                        && status.get("Master_Log_File").equals(status.get("Relay_Master_Log_File"));
            } catch (Exception e) {
                return false;
            }
        });
        replica.execute("STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only = OFF");

        try (ApplicationContext promoted = laituri(replica.url("laituri"))) {
            Documents documents = promoted.getBean(Documents.class);
            for (long id : acknowledged) {
                assertEquals(id, documents.getDocument(id).id(), "document " + id + " was acknowledged before the crash");
            }
            String after = published(promoted, "Uusi pääpalvelin " + UUID.randomUUID());
            assertEquals(200, publicApi(promoted, after), "the promoted replica takes writes");
        }
    }

    private static String status(PrivateMariaDb db, String variable) {
        try {
            return db.row("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = '" + variable + "'")
                    .get("VARIABLE_VALUE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, 60);
    }

    private static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
