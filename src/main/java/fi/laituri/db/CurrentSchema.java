package fi.laituri.db;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Flyway's migrations at start-up, as micronaut-flyway runs them, unless the database has every migration of this jar
 * applied, and applied well, and none other: then it already is this jar's schema. Every command starts the
 * application, and Flyway's look at a schema that is up to date (loading Flyway, its plugins and Jackson, reading
 * the migrations from the jar and validating them) was 0.4 s of each: of a site build, or of {@code user list}.
 * Anything else (a migration missing, one that failed, one this jar does not know, no history, no database) goes to
 * Flyway, which migrates or refuses as before.
 */
@Singleton
@Replaces(DataSourceMigrationRunner.class)
class CurrentSchema extends DataSourceMigrationRunner {

    /**
     * The versions of {@code db/migration}, which a test holds to the files there: a new migration without its
     * version here makes the schema look out of date, and Flyway run, which is always safe.
     */
    static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "13", "15", "16", "17");

    private final ApplicationContext context;
    private final DataSourceResolver resolver;

    CurrentSchema(ApplicationContext context, ApplicationEventPublisher publisher, @Nullable DataSourceResolver resolver) {
        super(context, publisher, resolver);
        this.context = context;
        this.resolver = resolver != null ? resolver : DataSourceResolver.DEFAULT;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        String name = event.getBeanDefinition() instanceof NameResolver names ? names.resolveName().orElse(null) : null;
        // Migrations on (the default) and this jar's schema in place: nothing for Flyway to do.
        if (name != null && context.getProperty("flyway.datasources." + name + ".enabled", Boolean.class).orElse(false)
                && isCurrent(resolver.resolve(event.getBean()))) {
            return event.getBean();
        }
        return super.onCreated(event);
    }

    /** Whether the schema history has this jar's migrations, all applied successfully, and no other. */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            Set<String> applied = new HashSet<>();
            while (rows.next()) {
                if (!rows.getBoolean(2) || rows.getString(1) == null || !applied.add(rows.getString(1))) {
                    return false;
                }
            }
            return applied.equals(Set.copyOf(VERSIONS));
        } catch (SQLException e) {
            // No history table, no database: Flyway meets it as before.
            return false;
        }
    }
}
