package fi.laituri.workflow;

import fi.laituri.TestDatabase;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.content.PublicContent;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled publishing as it runs in production: real schedulers in real application contexts. */
class SchedulingTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    private static Map<String, Object> database() {
        return new HashMap<>(TestDatabase.freshDatabase());
    }

    private static ApplicationContext start(Map<String, Object> database, boolean scheduler) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("laituri.scheduler.enabled", scheduler);
        properties.put("laituri.scheduler.interval", "200ms");
        return ApplicationContext.run(properties);
    }

    /** A Finnish article to be published when its schedule says: its id, its slug and the time it is scheduled for. */
    private record Scheduled(long id, String slug, OffsetDateTime at) {
    }

    /**
     * Creates an approved Finnish article and publishes it {@code in} from the moment it is scheduled, or now when
     * null. The time is taken just before the publish, so however long making the article takes, it is in the future.
     */
    private static Scheduled scheduled(ApplicationContext context, String title, Duration in) {
        Documents content = context.getBean(Documents.class);
        Transitions transitions = context.getBean(Transitions.class);
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, "Kappale.", null, null, null))), EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        OffsetDateTime at = in == null ? null : OffsetDateTime.now().plus(in);
        transitions.apply(doc.id(), "fi", "publish", null, at, PUBLISHER);
        return new Scheduled(doc.id(), doc.variants().get(0).slug(), at);
    }

    private static boolean isPublic(ApplicationContext context, String slug) {
        return context.getBean(PublicContent.class).find("fi", slug).isPresent();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long count(ApplicationContext context, String sql, long documentId) {
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    @Test
    void aScheduledVersionIsNotPublicBeforeItsTimeAndIsSoonAfter() throws Exception {
        try (ApplicationContext context = start(database(), true)) {
            Scheduled doc = scheduled(context, "Ajastettu " + Newsroom.unique(), Duration.ofSeconds(3));

            // Watched until it goes live: a look that ended before its time must have found it not public.
            await("the scheduled version goes live", () -> {
                boolean live = isPublic(context, doc.slug());
                OffsetDateTime looked = OffsetDateTime.now();
                assertFalse(live && looked.isBefore(doc.at()), "public by " + looked + ", before its time " + doc.at());
                return live;
            });
        }
    }

    @Test
    void aScheduleSurvivesARestart() throws Exception {
        Map<String, Object> database = database();
        String slug;
        try (ApplicationContext before = start(database, false)) {
            slug = scheduled(before, "Uudelleenkäynnistys " + Newsroom.unique(), Duration.ofSeconds(2)).slug();
        }
        try (ApplicationContext after = start(database, true)) {
            await("the schedule set before the restart is carried out", () -> isPublic(after, slug));
        }
    }

    @Test
    void twoInstancesOnOneDatabasePublishEachScheduledVersionExactlyOnce() throws Exception {
        Map<String, Object> database = database();
        try (ApplicationContext first = start(database, true); ApplicationContext second = start(database, true)) {
            List<Scheduled> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(scheduled(i % 2 == 0 ? first : second, "Kaksi instanssia " + i + " " + Newsroom.unique(), Duration.ofSeconds(3)));
            }

            // A publication clears its schedule in its own transaction: once none is left, neither instance can
            // publish any of them again.
            await("every scheduled version is live and none is still scheduled", () -> all.stream().allMatch(d ->
                    isPublic(first, d.slug())
                            && count(first, "SELECT COUNT(*) FROM variant WHERE publish_at IS NOT NULL AND document_id = ?", d.id()) == 0));

            for (Scheduled d : all) {
                assertEquals(1, count(first, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published' AND document_id = ?",
                        d.id()), "audit entries of document " + d.id());
                assertEquals(1, count(first, "SELECT COUNT(*) FROM outbox_event WHERE type = 'variant.published' AND document_id = ?",
                        d.id()), "outbox events of document " + d.id());
            }
        }
    }

    @Test
    void aScheduledUnpublicationTakesTheVersionOffline() throws Exception {
        try (ApplicationContext context = start(database(), true)) {
            Scheduled doc = scheduled(context, "Poistuu ajallaan " + Newsroom.unique(), null);
            assertTrue(isPublic(context, doc.slug()));

            OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);
            context.getBean(Transitions.class).apply(doc.id(), "fi", "unpublish", null, at, PUBLISHER);

            // Watched until it goes offline: a look that ended before its time must have found it public.
            await("the scheduled unpublication takes it offline", () -> {
                boolean live = isPublic(context, doc.slug());
                OffsetDateTime looked = OffsetDateTime.now();
                assertFalse(!live && looked.isBefore(at), "offline by " + looked + ", before its time " + at);
                return !live;
            });
        }
    }

    @Test
    void aScheduledPublicationThatKeepsFailingIsGivenUpWithItsReasonInTheVariantAndTheAuditLog() throws Exception {
        Map<String, Object> database = database();
        database.put("laituri.scheduler.max-failures", 3);
        database.put("laituri.scheduler.backoff-base", "10ms");
        database.put("laituri.scheduler.backoff-max", "50ms");
        try (ApplicationContext context = start(database, true)) {
            // A real failure in the publishing transaction: the database refuses to make this title live.
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            tx.executeWrite(s -> context.getBean(JdbcOperations.class).prepareStatement("""
                    CREATE TRIGGER refuse_live_torjuttu BEFORE UPDATE ON variant FOR EACH ROW
                    IF NEW.title LIKE 'Torjuttu%' AND OLD.live_revision IS NULL AND NEW.live_revision IS NOT NULL THEN
                      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the archive refused it';
                    END IF""", java.sql.PreparedStatement::execute));
            Scheduled doc = scheduled(context, "Torjuttu " + Newsroom.unique(), Duration.ofSeconds(5));
            Documents content = context.getBean(Documents.class);

            await("the scheduler gives up", () -> content.getVariant(doc.id(), "fi").scheduleFailure() != null);

            Api.VariantView variant = content.getVariant(doc.id(), "fi");
            assertTrue(variant.scheduleFailure().contains("failed 3 times: ")
                    && variant.scheduleFailure().contains("the archive refused it"), variant.scheduleFailure());
            assertEquals(null, variant.publishAt(), "the schedule is dropped");
            assertEquals("approved", variant.status());
            assertFalse(isPublic(context, doc.slug()));
            assertEquals(1, count(context, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.schedule_failed'"
                    + " AND document_id = ? AND comment LIKE '%the archive refused it%'", doc.id()));
            assertEquals(0, count(context, "SELECT COUNT(*) FROM schedule_attempt a JOIN variant v ON v.id = a.variant_id"
                    + " WHERE v.document_id = ?", doc.id()), "nothing is left to try again");
        }
    }
}
