package fi.laituri.workflow;

import fi.laituri.TestDatabase;
import fi.laituri.content.Api;
import fi.laituri.content.ContentService;
import fi.laituri.content.PublicContent;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
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

    /** Creates an approved Finnish article and publishes it at {@code at}, or now when null; returns its id and slug. */
    private static Map.Entry<Long, String> scheduled(ApplicationContext context, String title, OffsetDateTime at) {
        ContentService content = context.getBean(ContentService.class);
        Transitions transitions = context.getBean(Transitions.class);
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, "Kappale.", null, null, null))), EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, at, PUBLISHER);
        return Map.entry(doc.id(), doc.variants().get(0).slug());
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
            OffsetDateTime at = OffsetDateTime.now().plusSeconds(3);
            String slug = scheduled(context, "Ajastettu " + Newsroom.unique(), at).getValue();

            assertFalse(isPublic(context, slug));
            await("the scheduled version goes live", () -> isPublic(context, slug));
            assertFalse(OffsetDateTime.now().isBefore(at), "went live before its time");
        }
    }

    @Test
    void aScheduleSurvivesARestart() throws Exception {
        Map<String, Object> database = database();
        String slug;
        try (ApplicationContext before = start(database, false)) {
            slug = scheduled(before, "Uudelleenkäynnistys " + Newsroom.unique(), OffsetDateTime.now().plusSeconds(2)).getValue();
        }
        try (ApplicationContext after = start(database, true)) {
            await("the schedule set before the restart is carried out", () -> isPublic(after, slug));
        }
    }

    @Test
    void twoInstancesOnOneDatabasePublishEachScheduledVersionExactlyOnce() throws Exception {
        Map<String, Object> database = database();
        try (ApplicationContext first = start(database, true); ApplicationContext second = start(database, true)) {
            OffsetDateTime at = OffsetDateTime.now().plusSeconds(3);
            List<Map.Entry<Long, String>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(scheduled(i % 2 == 0 ? first : second, "Kaksi instanssia " + i + " " + Newsroom.unique(), at));
            }

            await("every scheduled version is live", () -> all.stream().allMatch(e -> isPublic(first, e.getValue())));
            Thread.sleep(1000);

            for (Map.Entry<Long, String> e : all) {
                assertEquals(1, count(first, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.published' AND document_id = ?",
                        e.getKey()), "audit entries of document " + e.getKey());
                assertEquals(1, count(first, "SELECT COUNT(*) FROM outbox_event WHERE type = 'variant.published' AND document_id = ?",
                        e.getKey()), "outbox events of document " + e.getKey());
            }
        }
    }

    @Test
    void aScheduledUnpublicationTakesTheVersionOffline() throws Exception {
        try (ApplicationContext context = start(database(), true)) {
            Map.Entry<Long, String> doc = scheduled(context, "Poistuu ajallaan " + Newsroom.unique(), null);
            assertTrue(isPublic(context, doc.getValue()));

            context.getBean(Transitions.class).apply(doc.getKey(), "fi", "unpublish", null,
                    OffsetDateTime.now().plusSeconds(2), PUBLISHER);

            assertTrue(isPublic(context, doc.getValue()));
            await("the scheduled unpublication takes it offline", () -> !isPublic(context, doc.getValue()));
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
            Map.Entry<Long, String> doc = scheduled(context, "Torjuttu " + Newsroom.unique(), OffsetDateTime.now().plusSeconds(5));
            ContentService content = context.getBean(ContentService.class);

            await("the scheduler gives up", () -> content.getVariant(doc.getKey(), "fi").scheduleFailure() != null);

            Api.VariantView variant = content.getVariant(doc.getKey(), "fi");
            assertTrue(variant.scheduleFailure().contains("failed 3 times: ")
                    && variant.scheduleFailure().contains("the archive refused it"), variant.scheduleFailure());
            assertEquals(null, variant.publishAt(), "the schedule is dropped");
            assertEquals("approved", variant.status());
            assertFalse(isPublic(context, doc.getValue()));
            assertEquals(1, count(context, "SELECT COUNT(*) FROM audit_entry WHERE action = 'variant.schedule_failed'"
                    + " AND document_id = ? AND comment LIKE '%the archive refused it%'", doc.getKey()));
            assertEquals(0, count(context, "SELECT COUNT(*) FROM schedule_attempt a JOIN variant v ON v.id = a.variant_id"
                    + " WHERE v.document_id = ?", doc.getKey()), "nothing is left to try again");
        }
    }
}
