package fi.laituri.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
            return (Connection) Proxy.newProxyInstance(ReplicaRouting.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("setReadOnly") && Boolean.TRUE.equals(args[0]) && !ReplicaReads.allowed()) {
                            return null;
                        }
                        try {
                            return method.invoke(driver, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
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
