package fi.laituri.site;

import fi.laituri.TestDatabase;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Instances on one database with site folders of their own (one a machine) each build every change into theirs;
 * instances sharing a folder share its id, so they build each change once between them ({@code TwoInstancesTest}).
 */
class SiteFoldersTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    private static ApplicationContext instance(Map<String, Object> database, Path site) {
        Map<String, Object> p = new HashMap<>(database);
        p.put("micronaut.server.port", -1);
        p.put("laituri.site.output", site.toString());
        p.put("laituri.site.auto-build", true);
        p.put("laituri.site.auto-build-interval", "200ms");
        p.put("laituri.webhooks.enabled", false);
        return ApplicationContext.run(p);
    }

    @Test
    void instancesWithFoldersOfTheirOwnEachBuildEveryChangeIntoTheirs(@TempDir Path dir) throws Exception {
        Map<String, Object> database = TestDatabase.freshDatabase();
        try (ApplicationContext first = instance(database, dir.resolve("machine-1/site"));
             ApplicationContext second = instance(database, dir.resolve("machine-2/site"))) {
            for (int i = 0; i < 3; i++) {
                ApplicationContext writer = i % 2 == 0 ? first : second;
                Api.DocumentView doc = writer.getBean(Documents.class).createDocument(new Api.CreateDocument("article", null,
                        List.of(new Api.VariantInput("fi", "Kahdella koneella " + i + " " + UUID.randomUUID(), null, null, "Kappale.",
                                null, null, null))), EDITOR);
                Transitions transitions = writer.getBean(Transitions.class);
                transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
                transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
                transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
                String slug = doc.variants().get(0).slug();
                for (String machine : List.of("machine-1", "machine-2")) {
                    Path page = dir.resolve(machine + "/site/current/fi/" + slug + "/index.html");
                    await(machine + " has built " + slug, () -> Files.isRegularFile(page));
                }
            }
            assertNotEquals(SiteFolder.id(dir.resolve("machine-1/site")), SiteFolder.id(dir.resolve("machine-2/site")));
            assertEquals(2, count(first, "SELECT COUNT(*) FROM outbox_consumer WHERE name LIKE 'site:%'"), "a position for each folder");
        } finally {
            TestDatabase.drop(TestDatabase.nameIn((String) database.get("datasources.default.url")));
        }
    }

    @Test
    void theFolderIdIsMadeOnceAndKept(@TempDir Path dir) {
        String id = SiteFolder.id(dir.resolve("site"));
        assertEquals(id, SiteFolder.id(dir.resolve("site")));
        assertEquals("site:" + id, SiteFolder.consumer(dir.resolve("site")));
    }

    private static long count(ApplicationContext context, String sql) {
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
