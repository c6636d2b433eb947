package fi.laituri.db;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * One driver connection of a replication URL, as the pool sees it: its {@code setReadOnly(true)}, which the driver
 * takes as "use a replica", reaches the driver only inside {@link ReplicaReads#allow}, only while {@link ReplicaHealth}
 * has the replica up, and only when the driver holds a replica link. A connection opened while the replica was down
 * goes to the primary alone ({@code replication} false) and never switches. A replica read waits at most
 * {@link ReplicaHealth#readTimeoutMillis} for each answer.
 *
 * <p>A replica read that fails (the switch throws, a call fails while on the replica, or the read-only transaction is
 * rolled back) marks the connection broken: with driver 3.5.6 a connection whose replica link broke may throw a
 * NullPointerException when switched back to the primary and stay unusable. From then on it reports itself invalid
 * and answers every call with {@link Broken}, a connection failure ({@code 08006}) that makes the pool discard it and
 * that {@link ReplicaReads#isReplicaFailure} recognises, so that it never counts as the database being away.
 */
final class ReplicaLink {

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

    /** A failure of a replica only: the connection is discarded, the primary still answers. */
    static final class Broken extends SQLNonTransientConnectionException {
        Broken(Throwable cause) {
            super("the connection's replica link broke; the connection is discarded", "08006", cause);
        }
    }

    private final Connection driver;
    private final ReplicaHealth health;
    private final boolean replication;
    private boolean onReplica;
    private boolean broken;
    /** The primary's network timeout, put back when a replica read is done. */
    private int primaryTimeout;

    private ReplicaLink(Connection driver, ReplicaHealth health, boolean replication) {
        this.driver = driver;
        this.health = health;
        this.replication = replication;
    }

    /** The pool's view of {@code driver}; {@code replication}: whether it was opened on the replication URL. */
    static Connection wrap(Connection driver, ReplicaHealth health, boolean replication) {
        ReplicaLink link = new ReplicaLink(driver, health, replication);
        return (Connection) Proxy.newProxyInstance(ReplicaLink.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> link.invoke(method, args));
    }

    private Object invoke(Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (broken) {
            return whileBroken(method, args);
        }
        if (name.equals("setReadOnly") && Boolean.TRUE.equals(args[0]) && !switchesToReplica()) {
            // the primary answers, as for any read outside ReplicaReads.allow
            return null;
        }
        if (name.equals("rollback") && onReplica && (args == null || args.length == 0)) {
            // A replica read failed (a read-only transaction is otherwise committed): do not trust this link again.
            broken = true;
            if (!hasReplica(driver)) {
                health.failed(new SQLException("the driver lost its replica link during a read"));
            }
            try {
                method.invoke(driver, args);
            } catch (InvocationTargetException ignored) {
                // the replica is likely away; the connection is discarded anyway
            }
            return null;
        }
        boolean wasOnReplica = onReplica;
        if (name.equals("setReadOnly") && Boolean.TRUE.equals(args[0])) {
            // A replica whose host is gone would otherwise leave the read waiting for TCP to give up (minutes); the
            // driver carries the timeout over to the replica's socket when it switches.
            primaryTimeout = driver.getNetworkTimeout();
            driver.setNetworkTimeout(Runnable::run, health.readTimeoutMillis());
            // from here the driver talks to the replica (switching to it already does, and may fail)
            onReplica = true;
            ReplicaReads.reachedReplica();
        }
        try {
            Object result = call(method, args);
            if (name.equals("setReadOnly") && !Boolean.TRUE.equals(args[0])) {
                onReplica = false;
                if (wasOnReplica) {
                    driver.setNetworkTimeout(Runnable::run, primaryTimeout);
                }
            }
            return result;
        } catch (SQLException e) {
            if (onReplica) {
                broken = true;
                health.failed(e);
                throw new Broken(e);
            }
            throw e;
        } catch (RuntimeException e) {
            // the driver's own failure (such as a NullPointerException after a broken replica link)
            broken = true;
            if (onReplica) {
                health.failed(e);
            }
            throw new Broken(e);
        }
    }

    /** Whether a {@code setReadOnly(true)} may go to the driver, and so to a replica. */
    private boolean switchesToReplica() {
        if (!replication || !ReplicaReads.allowed() || health.isDown()) {
            return false;
        }
        if (!hasReplica(driver)) {
            // The driver lost the link (a read on it failed and it went on with the primary): the replica is away.
            health.failed(new SQLException("the driver holds no replica link"));
            return false;
        }
        return true;
    }

    private Object whileBroken(Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
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
            default -> throw new Broken(null);
        };
    }

    /**
     * Whether the driver holds a replica link. Driver 3.5.6 throws a NullPointerException when a connection set
     * read-only without one (the replica was away when it was opened, or broke) is set back to read-write, so such a
     * connection is not set read-only. If the driver's internals are not as expected, the switch is left to the driver.
     */
    static boolean hasReplica(Connection driver) {
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
}
