package fi.laituri.events;

import fi.laituri.DatabaseTest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class OutboxTest extends DatabaseTest {

    @Inject
    Outbox outbox;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    JdbcOperations jdbc;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    private void append(int count, String marker) {
        tx.executeWrite(s -> {
            for (int i = 0; i < count; i++) {
                outbox.append("test.event", 1, "fi", i, Map.of("marker", marker, "n", i));
            }
            return null;
        });
    }

    private static String consumer() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anEventWrittenInARolledBackTransactionIsNeverSeen() {
        String consumer = consumer();
        outbox.consume(consumer, 1000, e -> { });
        assertThrows(IllegalStateException.class, () -> tx.executeWrite(s -> {
            outbox.append("test.event", 1, "fi", 1, Map.of("marker", "rolled back"));
            throw new IllegalStateException("the change failed");
        }));

        List<String> seen = new ArrayList<>();
        outbox.consume(consumer, 1000, e -> seen.add(e.payload()));

        assertEquals(List.of(), seen);
    }

    @Test
    void aConsumerThatFailsMidBatchSeesTheSameEventsAgainAndAppliesEachOnce() {
        String consumer = consumer();
        outbox.consume(consumer, 1000, e -> { });
        append(5, "batch");
        List<Long> applied = new ArrayList<>();

        assertThrows(IllegalStateException.class, () -> outbox.consume(consumer, 1000, e -> {
            if (applied.size() == 3) {
                throw new IllegalStateException("crash while handling the fourth event");
            }
            applied.add(e.id());
        }));
        List<Long> firstTry = List.copyOf(applied);
        applied.clear();
        int handled = outbox.consume(consumer, 1000, e -> applied.add(e.id()));

        assertEquals(5, handled);
        assertEquals(firstTry, applied.subList(0, 3));
        assertEquals(0, outbox.consume(consumer, 1000, e -> applied.add(e.id())));
        assertEquals(5, applied.size());
    }

    @Test
    void anEventThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
        String consumer = consumer();
        outbox.consume(consumer, 1000, e -> { });
        java.util.concurrent.CountDownLatch firstAppended = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch consumedWhileOpen = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> slow = pool.submit(() -> tx.executeWrite(s -> {
                outbox.append("test.event", 1, "fi", 1, Map.of("marker", "first"));
                firstAppended.countDown();
                await(consumedWhileOpen);
                return null;
            }));
            firstAppended.await();
            Future<?> quick = pool.submit(() -> tx.executeWrite(s -> {
                outbox.append("test.event", 1, "fi", 2, Map.of("marker", "second"));
                return null;
            }));
            // The second append has either committed ahead of the first or queued behind it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!quick.isDone() && !aTransactionWaitsForALock()) {
                assertTrue(System.nanoTime() < deadline, "the second append neither committed nor waited within 30 s");
                Thread.sleep(10);
            }
            List<String> seen = new ArrayList<>();
            outbox.consume(consumer, 1000, e -> seen.add(e.payload()));
            consumedWhileOpen.countDown();
            slow.get();
            quick.get();
            outbox.consume(consumer, 1000, e -> seen.add(e.payload()));

            assertEquals(2, seen.size(), seen.toString());
            assertEquals(true, seen.get(0).contains("first"), seen.toString());
            assertEquals(true, seen.get(1).contains("second"), seen.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a transaction on this test class's database is waiting for a row lock. */
    private boolean aTransactionWaitsForALock() {
        // The waiting statement itself names the lock row, whatever the server reports as the session's database.
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST p"
                + " LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID"
                + " WHERE (p.DB = DATABASE() AND t.trx_state = 'LOCK WAIT')"
                + " OR (p.INFO LIKE 'UPDATE outbox_lock%' AND p.ID <> CONNECTION_ID())", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1) > 0;
                    }
                }));
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentConsumersOfOneNameHandleEachEventExactlyOnce() throws Exception {
        String consumer = consumer();
        outbox.consume(consumer, 1000, e -> { });
        append(40, "concurrent");
        List<Long> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    while (outbox.consume(consumer, 3, e -> handled.add(e.id())) > 0) {
                        Thread.onSpinWait();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(40, handled.size());
        assertEquals(40, handled.stream().distinct().count());
    }
}
