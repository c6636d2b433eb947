package fi.laituri.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For a datasource on the MariaDB driver's replication mode ({@code jdbc:mariadb:replication://primary,replica/db}):
 * the pool's connections come through a {@link RoutedDataSource}, whose connections let a {@code setReadOnly(true)},
 * which the driver takes as "use a replica", reach the driver only inside {@link ReplicaReads#allow}. Micronaut sets
 * every read-only transaction's connection read-only; without this, a build or the scheduler reading just after a
 * commit could read a replica that has not applied it yet. The datasource's {@code data-source-properties} (such as
 * {@code connectTimeout}) reach the driver as connection properties. Any other URL is left alone.
 *
 * <p>When {@link ReplicaHealth} finds a replica that went away back, the pool's connections are replaced (Hikari's
 * soft eviction: idle ones at once, those in use when they are returned). {@code laituri.db.replica-probe-interval}
 * is how often a replica that went away is tried, {@code laituri.db.replica-read-timeout} how long a replica read
 * waits for an answer.
 */
@Singleton
class ReplicaRouting {

    static final String REPLICATION = "jdbc:mariadb:replication:";

    private final Duration probeInterval;
    private final Duration readTimeout;
    private final List<ReplicaHealth> healths = new CopyOnWriteArrayList<>();

    ReplicaRouting(@Value("${laituri.db.replica-probe-interval:2s}") Duration probeInterval,
                   @Value("${laituri.db.replica-read-timeout:1s}") Duration readTimeout) {
        this.probeInterval = probeInterval;
        this.readTimeout = readTimeout;
    }

    /** Routes the connections of a datasource on a replication URL. */
    @Singleton
    static final class Configurations implements BeanCreatedEventListener<DatasourceConfiguration> {

        private final ReplicaRouting routing;

        Configurations(ReplicaRouting routing) {
            this.routing = routing;
        }

        @Override
        public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
            DatasourceConfiguration config = event.getBean();
            String url = config.getUrl();
            if (url != null && url.startsWith(REPLICATION) && config.getDataSource() == null) {
                config.setDataSource(routing.routed(url, config));
            }
            return config;
        }
    }

    /** Gives each routed pool's replica health the pool's connections to replace. */
    @Singleton
    static final class Pools implements BeanCreatedEventListener<DataSource> {

        @Override
        public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
            if (DelegatingDataSource.unwrapDataSource(event.getBean()) instanceof HikariDataSource pool
                    && pool.getDataSource() instanceof RoutedDataSource routed) {
                routed.health().onReturn(() -> {
                    HikariPoolMXBean connections = pool.getHikariPoolMXBean();
                    if (connections != null) {
                        connections.softEvictConnections();
                    }
                });
            }
            return event.getBean();
        }
    }

    private RoutedDataSource routed(String url, DatasourceConfiguration config) {
        Properties properties = new Properties();
        config.getDataSourceProperties().forEach((key, value) -> properties.setProperty(String.valueOf(key), String.valueOf(value)));
        // With a replica away, the driver would otherwise retry it 120 times (for about 30 s) before each new
        // connection is handed out. A retriesAllDown in the URL wins.
        if (!url.contains("retriesAllDown")) {
            properties.setProperty("retriesAllDown", "2");
        }
        Properties asUser = new Properties();
        asUser.putAll(properties);
        if (config.getUsername() != null) {
            asUser.setProperty("user", config.getUsername());
        }
        if (config.getPassword() != null) {
            asUser.setProperty("password", config.getPassword());
        }
        ReplicaHealth health;
        try {
            health = new ReplicaHealth(RoutedDataSource.hosts(url, asUser, false), probeInterval, readTimeout);
        } catch (SQLException e) {
            throw new IllegalArgumentException("not a usable replication URL: " + e.getMessage(), e);
        }
        healths.add(health);
        return new RoutedDataSource(url, properties, health);
    }

    @PreDestroy
    void stop() {
        healths.forEach(ReplicaHealth::close);
    }
}
