package fi.laituri.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.logging.Logger;

/**
 * For a datasource on the MariaDB driver's replication mode ({@code jdbc:mariadb:replication://primary,replica/db}):
 * the pool's connections come through here, and a {@code setReadOnly(true)}, which the driver takes as "use a
 * replica", reaches the driver only inside {@link ReplicaReads#allow}. Micronaut sets every read-only transaction's
 * connection read-only; without this, a build or the scheduler reading just after a commit could read a replica that
 * has not applied it yet. Any other URL is left alone.
 */
@Singleton
class ReplicaRouting implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String REPLICATION = "jdbc:mariadb:replication:";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (url != null && url.startsWith(REPLICATION) && config.getDataSource() == null) {
            config.setDataSource(new Routed(url));
        }
        return config;
    }

    /**
     * One driver connection, and whether it was sent to a replica. A replica read that fails (the transaction is rolled
     * back, or the driver throws while switching) marks the connection broken: with driver 3.5.6 a connection whose
     * replica link broke may throw a NullPointerException when switched back to the primary and stay unusable. From
     * then on it reports itself invalid and answers every call with a connection-failure SQL state ({@code 08006}),
     * which makes Hikari discard it instead of lending it again; {@link ReplicaReads#allow} reads on the primary.
     */
    private static final class Link {

        private final Connection driver;
        private boolean onReplica;
        private boolean broken;

        Link(Connection driver) {
            this.driver = driver;
        }

        Object invoke(Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (broken) {
                return switch (name) {
                    case "close", "abort" -> {
                        try {
                            method.invoke(driver, args);
                        } catch (InvocationTargetException ignored) {
                            // discarded anyway
                        }
                        yield null;
                    }
                    case "isClosed" -> call(method, args);
                    case "isValid" -> false;
                    case "hashCode" -> System.identityHashCode(this);
                    case "equals" -> false;
                    case "toString" -> "broken replica link " + driver;
                    default -> throw discarded(null);
                };
            }
            if (name.equals("setReadOnly") && Boolean.TRUE.equals(args[0]) && !ReplicaReads.allowed()) {
                return null;
            }
            if (name.equals("rollback") && onReplica && (args == null || args.length == 0)) {
                // A replica read failed (a read-only transaction is otherwise committed): do not trust this link again.
                broken = true;
                try {
                    method.invoke(driver, args);
                } catch (InvocationTargetException ignored) {
                    // the replica is likely away; the connection is discarded anyway
                }
                return null;
            }
            try {
                Object result = call(method, args);
                if (name.equals("setReadOnly")) {
                    onReplica = Boolean.TRUE.equals(args[0]);
                    if (onReplica) {
                        ReplicaReads.reachedReplica();
                    }
                }
                return result;
            } catch (SQLException e) {
                if (onReplica) {
                    broken = true;
                    throw discarded(e);
                }
                throw e;
            } catch (RuntimeException e) {
                // the driver's own failure (such as a NullPointerException after a broken replica link)
                broken = true;
                throw discarded(e);
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(driver, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static SQLException discarded(Throwable cause) {
            return new SQLNonTransientConnectionException("the connection's replica link broke; the connection is discarded",
                    "08006", cause);
        }
    }

    /** Connections of the replication URL whose read-only switch obeys {@link ReplicaReads}. */
    private record Routed(String url) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return routed(DriverManager.getConnection(url));
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return routed(DriverManager.getConnection(url, user, password));
        }

        private static Connection routed(Connection driver) {
            Link link = new Link(driver);
            return (Connection) Proxy.newProxyInstance(ReplicaRouting.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> link.invoke(method, args));
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper of " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
