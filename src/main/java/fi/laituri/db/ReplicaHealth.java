package fi.laituri.db;

import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the replicas of a replication URL answer, as the pool's connections find out. A failure that concerns only
 * a replica (a new connection that could not reach it, a switch to it or a read on it that failed) marks it down:
 * from then on new connections go to the primary alone, without waiting for the replica to refuse them, every read
 * goes to the primary, and none is sent to the replica. A probe tries a connection to the replica every
 * probe interval; once one answers, the pool replaces its connections again with ones linked to it, and public reads
 * go back to it. Nothing here touches the database breaker of {@code fi.laituri.ops}: the primary still answers.
 */
final class ReplicaHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHealth.class);

    private final Configuration replicas;
    private final Duration probeInterval;
    private final int readTimeoutMillis;
    /** When the replica was found down; null while it answers. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replica-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile Runnable replaceConnections = () -> { };

    /**
     * {@code replicas}: a configuration that connects to the replicas only, as the probe does; {@code readTimeout}:
     * how long a replica read waits for each answer before it is given up (and read on the primary).
     */
    ReplicaHealth(Configuration replicas, Duration probeInterval, Duration readTimeout) {
        this.replicas = replicas;
        this.probeInterval = probeInterval;
        this.readTimeoutMillis = (int) Math.max(1, readTimeout.toMillis());
    }

    /**
     * What to run when the replica comes back: the pool's connections, opened to the primary alone or with a broken
     * replica link, are then out of date. (When it goes down they are left: none of them is sent to it any more.)
     */
    void onReturn(Runnable replaceConnections) {
        this.replaceConnections = replaceConnections;
    }

    int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    boolean isDown() {
        return downSince.get() != null;
    }

    /** A replica could not answer: reads go to the primary until the probe finds it again. */
    void failed(Throwable cause) {
        if (downSince.compareAndSet(null, Instant.now())) {
            LOG.warn("a replica cannot be reached ({}); every read goes to the primary until it answers again"
                    + " (tried every {} ms)", rootMessage(cause), probeInterval.toMillis());
            schedule();
        } else {
            LOG.debug("a replica cannot be reached ({})", rootMessage(cause));
        }
    }

    private void schedule() {
        if (!prober.isShutdown()) {
            prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        try (Connection connection = Driver.connect(replicas)) {
            if (connection.isValid(Math.max(1, (int) probeInterval.toSeconds()))) {
                Instant since = downSince.getAndSet(null);
                LOG.info("a replica answers again after {} s; public reads go to it",
                        since == null ? 0 : Duration.between(since, Instant.now()).toSeconds());
                replaceConnections.run();
                return;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("the replica is still away: {}", rootMessage(e));
        }
        schedule();
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
