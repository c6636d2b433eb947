package fi.laituri.db;

import fi.laituri.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The reads that may be answered by a replica. With {@code LAITURI_DB_URL=jdbc:mariadb:replication://primary,replica/db}
 * the MariaDB driver sends a connection set read-only to a replica; Laituri lets only the read-only transactions begun
 * inside {@link #allow} go there (the public content API, which may be a moment behind the primary), and keeps every
 * other one, read-only or not, on the primary, so that the editorial API, builds, the scheduler and webhooks read
 * what was just written.
 *
 * <p>A replica that cannot answer (stopped, unreachable, its link broken mid-read) costs the client nothing: the
 * connection that went to it is discarded from the pool ({@link ReplicaLink}) and the reads run once more on the
 * primary; until the replica answers again every read goes to the primary ({@link ReplicaHealth}), and then public
 * reads go back to it.
 */
public final class ReplicaReads {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private static final ThreadLocal<Boolean> ALLOWED = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> REACHED_REPLICA = ThreadLocal.withInitial(() -> false);
    private static final AtomicLong LAST_WARNING = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    private ReplicaReads() {
    }

    /**
     * Runs {@code reads}, whose read-only transactions may go to a replica; if they fail after reaching one, runs them
     * again on the primary.
     */
    public static <T> T allow(Supplier<T> reads) {
        boolean before = ALLOWED.get();
        boolean reachedBefore = REACHED_REPLICA.get();
        ALLOWED.set(true);
        REACHED_REPLICA.set(false);
        try {
            return reads.get();
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!REACHED_REPLICA.get() && !isReplicaFailure(e)) {
                throw e;
            }
            warn(e);
            ALLOWED.set(false);
            return reads.get();
        } finally {
            ALLOWED.set(before);
            REACHED_REPLICA.set(reachedBefore);
        }
    }

    /**
     * Whether {@code failure}, or one of its causes, is a replica's alone: the primary still answers, so it does not
     * mean that the database is away.
     */
    public static boolean isReplicaFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ReplicaLink.Broken) {
                return true;
            }
        }
        return false;
    }

    static boolean allowed() {
        return ALLOWED.get();
    }

    /** Called when a connection of this thread was sent to a replica. */
    static void reachedReplica() {
        REACHED_REPLICA.set(true);
    }

    private static void warn(RuntimeException failure) {
        long now = System.nanoTime();
        long last = LAST_WARNING.get();
        String root = rootMessage(failure);
        if (now - last >= WARN_EVERY_NANOS && LAST_WARNING.compareAndSet(last, now)) {
            LOG.warn("a replica could not answer a public read ({}); read from the primary instead "
                    + "(logged at most once a minute, the others at debug)", root);
        } else {
            LOG.debug("a replica could not answer a public read ({}); read from the primary instead", root);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
