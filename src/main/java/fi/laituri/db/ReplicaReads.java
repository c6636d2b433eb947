package fi.laituri.db;

import java.util.function.Supplier;

/**
 * The reads that may be answered by a replica. With {@code LAITURI_DB_URL=jdbc:mariadb:replication://primary,replica/db}
 * the MariaDB driver sends a connection set read-only to a replica; Laituri lets only the read-only transactions begun
 * inside {@link #allow} go there (the public content API, which may be a moment behind the primary), and keeps every
 * other one, read-only or not, on the primary, so that the editorial API, builds, the scheduler and webhooks read
 * what was just written.
 */
public final class ReplicaReads {

    private static final ThreadLocal<Boolean> ALLOWED = ThreadLocal.withInitial(() -> false);

    private ReplicaReads() {
    }

    /** Runs {@code reads}, whose read-only transactions may go to a replica. */
    public static <T> T allow(Supplier<T> reads) {
        boolean before = ALLOWED.get();
        ALLOWED.set(true);
        try {
            return reads.get();
        } finally {
            ALLOWED.set(before);
        }
    }

    static boolean allowed() {
        return ALLOWED.get();
    }
}
