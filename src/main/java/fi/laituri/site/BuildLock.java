package fi.laituri.site;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One site build at a time across every instance on the database: MariaDB's named lock
 * {@code GET_LOCK('laituri_site_build')}, taken on a connection of its own, outside the pool and outside
 * any transaction. A named lock rather than a lease row because the server frees it the moment its
 * holder's connection ends (a build crashed or killed), so there is no expiry to tune and no renewal that,
 * running late, would let a second build swap while the first is still writing. While the build reads,
 * renders, writes and indexes, no transaction is open, so it holds no row lock and no pooled connection.
 * Reentrant in the holding thread: {@link AutoBuild} holds it from reading the outbox to moving its position.
 * There is one lock a site folder ({@link SiteFolder}): builds into folders of their own do not wait for each other.
 */
@Singleton
class BuildLock {

    private static final String NAME = "laituri_site_build:";
    private static final int WAIT_SECONDS = 600;

    private final String url;
    private final String user;
    private final String password;
    private final ThreadLocal<Connection> held = new ThreadLocal<>();

    BuildLock(@Value("${datasources.default.url}") String url, @Value("${datasources.default.username:}") String user,
              @Value("${datasources.default.password:}") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Runs {@code work} holding the lock of the site folder {@code root}, waiting up to ten minutes for a build elsewhere to end. */
    <T> T holding(Path root, Supplier<T> work) {
        if (held.get() != null) {
            return work.get();
        }
        // Closing the connection frees the lock, whatever the work did.
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            lock(connection, NAME + SiteFolder.id(root.toAbsolutePath().normalize()));
            held.set(connection);
            try {
                return work.get();
            } finally {
                held.remove();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the site build lock cannot be taken: " + e.getMessage(), e);
        }
    }

    private static void lock(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, " + WAIT_SECONDS + ")")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new IllegalStateException("another site build has held the build lock for " + WAIT_SECONDS / 60 + " minutes");
                }
            }
        }
    }
}
