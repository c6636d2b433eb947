package fi.laituri.db;

import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.Driver;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.export.HaMode;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The pool's connections for a replication URL, each a {@link ReplicaLink}. While {@link ReplicaHealth} has the
 * replica up they are the driver's replication connections; while it is down they go to the primary alone, so that
 * opening one does not first wait for the replica to refuse it (a connect timeout for each try, when its host is
 * gone rather than refusing). A replication connection that could not reach the replica marks it down.
 */
final class RoutedDataSource implements DataSource {

    private final String url;
    private final Properties properties;
    private final ReplicaHealth health;
    private volatile int loginTimeout;

    RoutedDataSource(String url, Properties properties, ReplicaHealth health) {
        this.url = url;
        this.properties = properties;
        this.health = health;
    }

    ReplicaHealth health() {
        return health;
    }

    /** The driver's configuration of {@code url} with {@code properties}, for the primary alone or the replicas alone. */
    static Configuration hosts(String url, Properties properties, boolean primary) throws SQLException {
        Configuration replication = Configuration.parse(url, properties);
        HostAddress[] hosts = replication.addresses().stream()
                .filter(host -> primary == !Boolean.FALSE.equals(host.primary))
                .toArray(HostAddress[]::new);
        if (hosts.length == 0) {
            throw new SQLException("the replication URL names no " + (primary ? "primary" : "replica") + " host");
        }
        return replication.toBuilder().haMode(HaMode.NONE).addresses(hosts).build();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(properties);
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
        return connect(withUser);
    }

    private Connection connect(Properties with) throws SQLException {
        if (health.isDown()) {
            return ReplicaLink.wrap(Driver.connect(hosts(url, with, true)), health, false);
        }
        Connection driver = DriverManager.getConnection(url, with);
        if (!ReplicaLink.hasReplica(driver)) {
            health.failed(new SQLException("a new connection could not reach a replica"));
        }
        return ReplicaLink.wrap(driver, health, true);
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
        // Hikari sets it, and waits that long for connections being opened when it shuts down; the driver's own
        // connectTimeout bounds each attempt.
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
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
