package fi.laituri.ops;

import fi.laituri.db.ReplicaReads;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.core.async.publisher.Publishers;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The circuit breaker in front of the database. A request that fails because the database cannot be reached opens
 * it; while it is open, requests that need the database are answered {@code 503} with {@code Retry-After} at once,
 * without waiting for a connection, and readiness is down. A probe tries a connection every
 * {@code laituri.ops.db.probe-interval} and closes the breaker when one works, so the service recovers by itself.
 */
// Not on a search node, which has no database.
@Requires(beans = DataSource.class)
@Singleton
public class DatabaseOutage implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

    private final DataSource dataSource;
    private final Duration probeInterval;
    private final long retryAfterSeconds;
    /** When the breaker opened; null while it is closed. */
    private final AtomicReference<Instant> openedAt = new AtomicReference<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-probe");
        t.setDaemon(true);
        return t;
    });

    DatabaseOutage(DataSource dataSource,
                   @Value("${laituri.ops.db.probe-interval:1s}") Duration probeInterval,
                   @Value("${laituri.ops.db.retry-after:5s}") Duration retryAfter) {
        // The pool itself: the bean is a proxy that hands out the connection of the current transaction.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.probeInterval = probeInterval;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    /**
     * Whether {@code failure}, or one of its causes, says the database could not be reached. A replica's failure
     * alone does not: the primary still answers ({@link ReplicaReads#isReplicaFailure}).
     */
    public static boolean isUnreachable(Throwable failure) {
        if (ReplicaReads.isReplicaFailure(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    public boolean isOpen() {
        return openedAt.get() != null;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Opens the breaker after a failure to reach the database, and starts probing for its return. */
    public void unreachable(Throwable failure) {
        if (openedAt.compareAndSet(null, Instant.now())) {
            LOG.warn("the database cannot be reached ({}); answering 503 until it can", rootMessage(failure));
            prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                Instant since = openedAt.getAndSet(null);
                LOG.warn("the database is back after {} s", since == null ? 0 : Duration.between(since, Instant.now()).toSeconds());
                return;
            }
        } catch (Exception | LinkageError e) {
            LOG.debug("the database is still away: {}", rootMessage(e));
        }
        if (!prober.isShutdown()) {
            prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Readiness: down while the breaker is open. */
    @Override
    public Publisher<HealthResult> getResult() {
        Instant since = openedAt.get();
        return Publishers.just(HealthResult.builder("database-breaker", since == null ? HealthStatus.UP : HealthStatus.DOWN)
                .details(since == null ? Map.of("state", "closed") : Map.of("state", "open", "since", since.toString()))
                .build());
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }
}
