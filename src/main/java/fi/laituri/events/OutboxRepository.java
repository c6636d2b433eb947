package fi.laituri.events;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface OutboxRepository extends GenericRepository<OutboxEvent, Long> {

    OutboxEvent save(OutboxEvent event);

    /** Held until the appending transaction ends: appends queue here and commit in id order. */
    @Query("UPDATE outbox_lock SET n = n + 1 WHERE id = 1")
    void lockAppends();

    @Query("SELECT * FROM outbox_event WHERE id > :after ORDER BY id LIMIT :limit")
    List<OutboxEvent> after(long after, int limit);

    @Query("SELECT position FROM outbox_consumer WHERE name = :name FOR UPDATE")
    Optional<Long> lockPosition(String name);

    @Query("SELECT name FROM outbox_consumer ORDER BY name")
    List<String> consumers();

    @Query("SELECT position FROM outbox_consumer WHERE name = :name")
    Optional<Long> position(String name);

    /** Moves the position on from {@code from}; 0 when someone else has moved it since it was read. */
    @Query("UPDATE outbox_consumer SET position = :position WHERE name = :name AND position = :from")
    int advancePosition(String name, long from, long position);

    @Query("INSERT IGNORE INTO outbox_consumer (name, position) VALUES (:name, 0)")
    void registerConsumer(String name);

    @Query("UPDATE outbox_consumer SET position = :position WHERE name = :name")
    void movePosition(String name, long position);
}
