package fi.laituri.db;

import fi.laituri.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyway runs at start-up unless the database already has exactly this jar's migrations applied; a database that
 * is not in that state goes to Flyway as before, to be migrated or refused.
 */
class CurrentSchemaTest {

    private static final String DATABASE = TestDatabase.newDatabase();

    @AfterAll
    static void drop() {
        TestDatabase.drop(DATABASE);
    }

    private static ApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", TestDatabase.url(DATABASE),
                "datasources.default.username", TestDatabase.user(),
                "datasources.default.password", TestDatabase.password(),
                "micronaut.server.port", -1));
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }

    private static boolean flywayRan(ApplicationContext context) {
        return context.findBean(Flyway.class, Qualifiers.byName("default")).isPresent();
    }

    private static DataSource database() throws SQLException {
        org.mariadb.jdbc.MariaDbDataSource database = new org.mariadb.jdbc.MariaDbDataSource(TestDatabase.url(DATABASE));
        database.setUser(TestDatabase.user());
        database.setPassword(TestDatabase.password());
        return database;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(DATABASE), TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void theVersionsAreThoseOfTheMigrationsInTheJar() throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(CurrentSchema.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> versions = files.map(f -> f.getFileName().toString())
                    .map(name -> name.replaceFirst("^V([0-9]+)__.*\\.sql$", "$1"))
                    .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
            assertEquals(versions, CurrentSchema.VERSIONS);
        }
    }

    @Test
    void aNewDatabaseIsMigratedAndAStartOnItsCurrentSchemaLeavesFlywayAlone() throws SQLException {
        try (ApplicationContext first = start()) {
            assertTrue(flywayRan(first), "an empty database is migrated");
            assertTrue(CurrentSchema.isCurrent(database()));
        }
        try (ApplicationContext again = start()) {
            assertFalse(flywayRan(again), "a current schema needs no Flyway");
            assertTrue(CurrentSchema.isCurrent(database()));
        }

        // A migration the jar does not know (a newer jar's): Flyway is asked, and decides as it always has (a future
        // migration is let be).
        sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) VALUES (99, '99', 'newer', 'SQL', 'V99__newer.sql', 0, 'test', 0, 1)");
        try (ApplicationContext context = start()) {
            assertTrue(flywayRan(context));
        }
        sql("DELETE FROM flyway_schema_history WHERE version = '99'");

        // One that failed: Flyway again (which wants it repaired).
        sql("UPDATE flyway_schema_history SET success = 0 WHERE version = '17'");
        // Flyway's validation: "Detected failed migration to version 17".
        assertThrows(RuntimeException.class, () -> start().close(), "a failed migration must not be passed over");
        sql("UPDATE flyway_schema_history SET success = 1 WHERE version = '17'");

        // One missing (its table dropped with it): Flyway applies it.
        sql("DROP TABLE desk_visit");
        sql("DELETE FROM flyway_schema_history WHERE version = '17'");
        try (ApplicationContext context = start()) {
            assertTrue(flywayRan(context));
            assertTrue(CurrentSchema.isCurrent(database()));
        }
        sql("SELECT 1 FROM desk_visit");
    }
}
