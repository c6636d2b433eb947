package fi.laituri.events;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Appends change events in the caller's transaction, and lets each named consumer process the
 * events after its position. Appends are serialised (a one-row lock held to commit), so ids become
 * visible in order and reading "after my position" never skips an event that commits late; changes
 * to what is public are rare enough for that to cost nothing. A consumer whose effects are rows commits its batch
 * and its new position together ({@link #consume}): one that fails or crashes mid-way sees the same events again,
 * and none is applied twice. One whose effects are files ({@link #consumeOutsideTransaction}) moves its position
 * after they are done, in a transaction of its own.
 */
@Singleton
public class Outbox {

    private final OutboxRepository events;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;
    private final Clock clock;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Outbox(OutboxRepository events, TransactionOperations<Connection> tx, JsonMapper json, Clock clock) {
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** Handles one event inside the consumer's transaction; throwing rolls the whole batch back. */
    @FunctionalInterface
    public interface Handler {
        void handle(OutboxEvent event) throws Exception;
    }

    /**
     * Runs {@code listener} after each commit that appended events, in the committing thread: a consumer in this
     * process can start on them at once instead of at its next look. It must be quick (hand the work to a thread).
     * Consumers still look on their own, for events appended by other instances.
     */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void append(String type, long documentId, String language, Integer revision, Map<String, Object> payload) {
        if (!listeners.isEmpty()) {
            tx.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listeners.forEach(Runnable::run);
                }
            }));
        }
        events.lockAppends();
        try {
            events.save(new OutboxEvent(null, clock.instant(), type, documentId, language, revision,
                    json.writeValueAsString(payload)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event to append: {@link #append}'s arguments. */
    public record Append(String type, long documentId, String language, Integer revision, Map<String, Object> payload) {
    }

    /**
     * As {@link #append} for each of {@code events}, in order, with one lock and one batch of inserts: a large import
     * appends thousands, and a round trip to the database for each was a large part of its time.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void appendAll(List<Append> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!listeners.isEmpty()) {
            tx.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listeners.forEach(Runnable::run);
                }
            }));
        }
        this.events.lockAppends();
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        try (java.sql.PreparedStatement insert = tx.getConnection().prepareStatement(
                "INSERT INTO outbox_event (created_at, type, document_id, language, revision, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Append e : events) {
                insert.setTimestamp(1, now);
                insert.setString(2, e.type());
                insert.setLong(3, e.documentId());
                insert.setString(4, e.language());
                if (e.revision() == null) {
                    insert.setNull(5, java.sql.Types.INTEGER);
                } else {
                    insert.setInt(5, e.revision());
                }
                insert.setString(6, json.writeValueAsString(e.payload()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new io.micronaut.data.exceptions.DataAccessException("cannot append " + events.size() + " events: "
                    + e.getMessage(), e);
        }
    }

    /** Handles a whole batch at once inside the consumer's transaction, e.g. one site build for many events. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<OutboxEvent> batch) throws Exception;
    }

    /**
     * Like {@link #consume}, but hands the batch over whole; the position moves only if the handler returns.
     */
    public int consumeBatch(String consumer, int limit, BatchHandler handler) {
        tx.executeWrite(s -> {
            events.registerConsumer(consumer);
            return null;
        });
        return tx.executeWrite(s -> {
            long position = events.lockPosition(consumer).orElseThrow();
            List<OutboxEvent> batch = events.after(position, limit);
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                handler.handle(batch);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("consumer " + consumer + " failed on events after " + position, e);
            }
            events.movePosition(consumer, batch.get(batch.size() - 1).id());
            return batch.size();
        });
    }

    /**
     * For a consumer whose work is files or network, not rows (the site build): reads up to {@code limit}
     * events after its position in one short transaction, hands them to {@code handler} outside any
     * transaction, and moves the position past them in another short one, only if the handler returned and
     * only from where it was read. A crash or failure in between leaves the position where it was, so the
     * events are handled again: the handler must be idempotent (a build of the same content gives the same
     * site). Several instances handle each batch once only if they call this under one lock of their own
     * (the site build lock); without it a batch may be handled twice, never skipped.
     *
     * @return how many events were handled
     */
    public int consumeOutsideTransaction(String consumer, int limit, BatchHandler handler) {
        record Read(long position, List<OutboxEvent> batch) {
        }
        Read read = tx.executeWrite(s -> {
            events.registerConsumer(consumer);
            long position = events.position(consumer).orElseThrow();
            return new Read(position, events.after(position, limit));
        });
        if (read.batch().isEmpty()) {
            return 0;
        }
        try {
            handler.handle(read.batch());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("consumer " + consumer + " failed on events after " + read.position(), e);
        }
        long last = read.batch().get(read.batch().size() - 1).id();
        tx.executeWrite(s -> events.advancePosition(consumer, read.position(), last));
        return read.batch().size();
    }

    /**
     * Per consumer, how long the oldest event it has not handled yet has waited at {@code now}; zero for one that
     * is up to date. (The outbox lag metric.)
     */
    public Map<String, java.time.Duration> lag(Instant now) {
        return tx.executeRead(s -> {
            Map<String, java.time.Duration> lag = new java.util.TreeMap<>();
            for (String consumer : events.consumers()) {
                lag.put(consumer, events.position(consumer).flatMap(p -> events.after(p, 1).stream().findFirst())
                        .map(oldest -> java.time.Duration.between(oldest.createdAt(), now))
                        .filter(d -> !d.isNegative()).orElse(java.time.Duration.ZERO));
            }
            return lag;
        });
    }

    /**
     * Processes up to {@code limit} events after the consumer's position. Concurrent calls for one
     * consumer (several instances) wait on its position row, so each event is handled once.
     *
     * @return how many events were handled
     */
    public int consume(String consumer, int limit, Handler handler) {
        return consumeBatch(consumer, limit, batch -> {
            for (OutboxEvent event : batch) {
                handler.handle(event);
            }
        });
    }

}
