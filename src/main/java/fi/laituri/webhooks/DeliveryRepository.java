package fi.laituri.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface DeliveryRepository extends CrudRepository<WebhookDelivery, Long> {

    /**
     * A pending delivery of the event for each active webhook that wants its type and existed when
     * it happened. An event seen again adds nothing: the row for (webhook, event) exists already.
     */
    @Query("""
            INSERT INTO webhook_delivery (webhook_id, event_id, event_type, body, status, attempts, next_attempt_at, created_at)
            SELECT id, :eventId, :eventType, :body, 'pending', 0, :now, :now FROM webhook
            WHERE active = TRUE AND created_at <= :eventCreatedAt
              AND (JSON_LENGTH(events) = 0 OR JSON_CONTAINS(events, JSON_QUOTE(:eventType)))
            ON DUPLICATE KEY UPDATE webhook_id = webhook_id""")
    void addPending(long eventId, String eventType, Instant eventCreatedAt, String body, Instant now);

    /**
     * Locks up to {@code limit} due deliveries of active webhooks that no one has leased, until the
     * transaction ends (then {@link #lease} them); rows another instance is locking are skipped, not
     * waited for. The webhook rows are read without locks.
     */
    @Query("""
            SELECT * FROM webhook_delivery
            WHERE status = 'pending' AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until <= :now)
              AND webhook_id IN (SELECT id FROM webhook WHERE active = TRUE)
            ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<WebhookDelivery> lockDue(Instant now, int limit);

    /** Leases the deliveries to this sender until {@code until}: others skip them meanwhile. */
    @Query("UPDATE webhook_delivery SET claimed_until = :until WHERE id IN (:ids)")
    void lease(List<Long> ids, Instant until);

    /**
     * Records an attempt and ends the lease, if the lease is still {@code lease}; returns 0 when it ran
     * out and another sender has leased the delivery since (its answer is the one to keep).
     */
    @Query("""
            UPDATE webhook_delivery SET status = :status, attempts = :attempts, next_attempt_at = :nextAttemptAt,
              last_status = :lastStatus, last_error = :lastError, delivered_at = :deliveredAt, claimed_until = NULL
            WHERE id = :id AND claimed_until = :lease""")
    int recordAttempt(long id, Instant lease, String status, int attempts, Instant nextAttemptAt,
                      @Nullable Integer lastStatus, @Nullable String lastError, @Nullable Instant deliveredAt);

    Page<WebhookDelivery> findByWebhookId(Long webhookId, Pageable pageable);

    Page<WebhookDelivery> findByWebhookIdAndStatus(Long webhookId, String status, Pageable pageable);
}
