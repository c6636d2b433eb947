package fi.laituri.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the scheduler has to do, leaving out changes that failed and wait for their retry. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ScheduleRepository extends GenericRepository<ScheduleAttempt, Long> {

    /** Ids of variants whose scheduled publication is due and not waiting to be tried again, oldest first. */
    @Query("""
            SELECT v.id FROM variant v WHERE v.publish_at <= :now AND NOT EXISTS (SELECT 1 FROM schedule_attempt a
              WHERE a.variant_id = v.id AND a.action = 'publish' AND a.due_at = v.publish_at AND a.retry_at > :now)
            ORDER BY v.publish_at, v.id LIMIT 100""")
    List<Long> duePublications(Instant now);

    @Query("""
            SELECT v.id FROM variant v WHERE v.unpublish_at <= :now AND NOT EXISTS (SELECT 1 FROM schedule_attempt a
              WHERE a.variant_id = v.id AND a.action = 'unpublish' AND a.due_at = v.unpublish_at AND a.retry_at > :now)
            ORDER BY v.unpublish_at, v.id LIMIT 100""")
    List<Long> dueUnpublications(Instant now);

    /** Every version with something scheduled; the desk's calendar, which a newsroom keeps to hundreds, not more. */
    @Query(value = """
            SELECT v.document_id, v.language, v.title, v.publish_at, v.unpublish_at FROM variant v
            WHERE v.publish_at IS NOT NULL OR v.unpublish_at IS NOT NULL
            ORDER BY COALESCE(v.publish_at, v.unpublish_at), v.document_id, v.language LIMIT 2000""", nativeQuery = true)
    List<ScheduledRow> scheduled();

    @Query("SELECT * FROM schedule_attempt WHERE variant_id = :variantId AND action = :action")
    Optional<ScheduleAttempt> find(long variantId, String action);

    @Query("""
            INSERT INTO schedule_attempt (variant_id, action, due_at, failures, retry_at, last_error)
            VALUES (:variantId, :action, :dueAt, :failures, :retryAt, :lastError)
            ON DUPLICATE KEY UPDATE due_at = :dueAt, failures = :failures, retry_at = :retryAt, last_error = :lastError""")
    void failed(long variantId, String action, Instant dueAt, int failures, Instant retryAt, String lastError);

    @Query("DELETE FROM schedule_attempt WHERE variant_id = :variantId AND action = :action")
    void forget(long variantId, String action);
}
