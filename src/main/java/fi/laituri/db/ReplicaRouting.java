package fi.laituri.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * For a datasource on the MariaDB driver's replication mode ({@code jdbc:mariadb:replication://primary,replica/db}):
 * the pool's connections come through here, and a {@code setReadOnly(true)}, which the driver takes as "use a
 * replica", reaches the driver only inside {@link ReplicaReads#allow}. Micronaut sets every read-only transaction's
 * connection read-only; without this, a build or the scheduler reading just after a commit could read a replica that
 * has not applied it yet. The datasource's {@code data-source-properties} (such as {@code connectTimeout}) reach the
 * driver as connection properties. Any other URL is left alone.
 */
@Singleton
class ReplicaRouting implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String REPLICATION = "jdbc:mariadb:replication:";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (url != null && url.startsWith(REPLICATION) && config.getDataSource() == null) {
            Properties properties = new Properties();
            config.getDataSourceProperties().forEach((key, value) -> properties.setProperty(String.valueOf(key), String.valueOf(value)));
            // With a replica away, the driver would otherwise retry it 120 times (for about 30 s) before each new
            // connection is handed out, so the pool could not replace the connections it discards; it tries the
            // replica again by itself later (waitReconnectTimeout). A retriesAllDown in the URL wins.
            if (!url.contains("retriesAllDown")) {
                properties.setProperty("retriesAllDown", "2");
            }
            config.setDataSource(new Routed(url, properties));
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

        private static final Field CLIENT;
        private static final Field REPLICA_CLIENT;

        static {
            Field client = null;
            Field replica = null;
            try {
                client = Class.forName("org.mariadb.jdbc.Connection").getDeclaredField("client");
                client.setAccessible(true);
                replica = Class.forName("org.mariadb.jdbc.client.impl.MultiPrimaryReplicaClient").getDeclaredField("replicaClient");
                replica.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                replica = null;
            }
            CLIENT = client;
            REPLICA_CLIENT = replica;
        }

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
            if (name.equals("setReadOnly") && Boolean.TRUE.equals(args[0]) && (!ReplicaReads.allowed() || !hasReplica(driver))) {
                // the primary answers: outside ReplicaReads.allow, or when the driver has no replica link right now
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
            if (name.equals("setReadOnly") && Boolean.TRUE.equals(args[0])) {
                // from here the driver talks to the replica (switching to it already does, and may fail)
                onReplica = true;
                ReplicaReads.reachedReplica();
            }
            try {
                Object result = call(method, args);
                if (name.equals("setReadOnly") && !Boolean.TRUE.equals(args[0])) {
                    onReplica = false;
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

        /**
         * Whether the driver holds a replica link. Driver 3.5.6 throws a NullPointerException when a connection set
         * read-only without one (the replica was away when it was opened or broke) is set back to read-write, so such a
         * connection is not set read-only: it reads the primary, as the driver would, and stays usable. The driver
         * opens the link again by itself (at a statement, after its waitReconnectTimeout), and reads then go to the
         * replica. If the driver's internals are not as expected, the switch is left to the driver.
         */
        private static boolean hasReplica(Connection driver) {
            Field replica = REPLICA_CLIENT;
            if (replica == null) {
                return true;
            }
            try {
                Object client = CLIENT.get(driver);
                return !replica.getDeclaringClass().isInstance(client) || replica.get(client) != null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return true;
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
    private record Routed(String url, Properties properties) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return routed(DriverManager.getConnection(url, properties));
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            Properties withUser = new Properties();
            withUser.putAll(properties);
            if (user != null) {
                withUser.setProperty("user", user);
            }
            if (password != null) {
                withUser.setProperty("password", password);
            }
            return routed(DriverManager.getConnection(url, withUser));
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
