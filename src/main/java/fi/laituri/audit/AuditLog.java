package fi.laituri.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.Predicate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what happened, in the caller's transaction, and answers who did what. */
@Singleton
public class AuditLog {

    private static final Sort OLDEST_FIRST = Sort.of(Sort.Order.asc("id"));
    private static final String PUBLISHED = "variant.published";

    private final AuditRepository entries;
    private final Clock clock;
    /** Only for batches; looked up when one is written, so that a search node (no database) can still have an audit log bean. */
    private final BeanProvider<TransactionOperations<java.sql.Connection>> tx;

    AuditLog(AuditRepository entries, Clock clock, BeanProvider<TransactionOperations<java.sql.Connection>> tx) {
        this.entries = entries;
        this.clock = clock;
        this.tx = tx;
    }

    /** One thing that happened; nulls for what does not apply. */
    public record Event(String actor, String action, @Nullable Long documentId, @Nullable String language,
                        @Nullable Integer revision, @Nullable String fromStatus, @Nullable String toStatus,
                        @Nullable String comment, @Nullable String detail) {

        public static Event of(String actor, String action, Long documentId, String language) {
            return new Event(actor, action, documentId, language, null, null, null, null, null);
        }

        public Event revision(Integer number) {
            return new Event(actor, action, documentId, language, number, fromStatus, toStatus, comment, detail);
        }

        public Event states(String from, String to) {
            return new Event(actor, action, documentId, language, revision, from, to, comment, detail);
        }

        public Event comment(String text) {
            return new Event(actor, action, documentId, language, revision, fromStatus, toStatus, text, detail);
        }

        public Event detail(String text) {
            return new Event(actor, action, documentId, language, revision, fromStatus, toStatus, comment, text);
        }
    }

    @Serdeable
    public record Entry(long id, Instant at, String actor, String action, @Nullable Long documentId,
                        @Nullable String language, @Nullable Integer revision, @Nullable String fromStatus,
                        @Nullable String toStatus, @Nullable String comment, @Nullable String detail) {
    }

    @Serdeable
    public record Page(List<Entry> items, int page, int size, long total) {
    }

    /**
     * Filters (null = any); oldest first, so the log reads as the story it tells. {@code languages}: only entries
     * about versions in these languages (a translator's view), none of the others.
     */
    public record Query(@Nullable Long documentId, @Nullable String actor, @Nullable Instant from,
                        @Nullable Instant to, int page, int size, @Nullable java.util.Set<String> languages) {
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Event e) {
        entries.save(new AuditEntry(null, clock.instant(), e.actor(), e.action(), e.documentId(), e.language(),
                e.revision(), e.fromStatus(), e.toStatus(), e.comment(), e.detail()));
    }

    /** As {@link #record} for each of {@code events}, in one batch of inserts (a large import records thousands). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void recordAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        try (java.sql.PreparedStatement insert = tx.get().getConnection().prepareStatement("INSERT INTO audit_entry"
                + " (at, actor, action, document_id, language, revision, from_status, to_status, comment, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Event e : events) {
                insert.setTimestamp(1, now);
                insert.setString(2, e.actor());
                insert.setString(3, e.action());
                insert.setObject(4, e.documentId(), java.sql.Types.BIGINT);
                insert.setString(5, e.language());
                insert.setObject(6, e.revision(), java.sql.Types.INTEGER);
                insert.setString(7, e.fromStatus());
                insert.setString(8, e.toStatus());
                insert.setString(9, e.comment());
                insert.setString(10, e.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new io.micronaut.data.exceptions.DataAccessException("cannot record " + events.size()
                    + " audit entries: " + e.getMessage(), e);
        }
    }

    /** The newest revision of the language version that the log records as published; empty when none was. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public java.util.OptionalInt lastPublishedRevision(long documentId, String language) {
        Integer revision = entries.maxRevision(documentId, language, PUBLISHED);
        return revision == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(revision);
    }

    @Transactional(readOnly = true)
    public Page find(Query q) {
        if (q.languages() != null && q.languages().isEmpty()) {
            return new Page(List.of(), q.page(), q.size(), 0);
        }
        io.micronaut.data.model.Page<AuditEntry> page = entries.findAll(matching(q),
                Pageable.from(q.page() - 1, q.size(), OLDEST_FIRST));
        List<Entry> items = page.getContent().stream()
                .map(a -> new Entry(a.id(), a.at(), a.actor(), a.action(), a.documentId(), a.language(),
                        a.revision(), a.fromStatus(), a.toStatus(), a.comment(), a.detail()))
                .toList();
        return new Page(items, q.page(), q.size(), page.getTotalSize());
    }

    /** Null (every entry) when no filter is given; the time range is [from, to). */
    private static PredicateSpecification<AuditEntry> matching(Query q) {
        return (entry, cb) -> {
            List<Predicate> conditions = new ArrayList<>();
            if (q.documentId() != null) {
                conditions.add(cb.equal(entry.get("documentId"), q.documentId()));
            }
            if (q.actor() != null) {
                conditions.add(cb.equal(entry.get("actor"), q.actor()));
            }
            if (q.from() != null) {
                conditions.add(cb.greaterThanOrEqualTo(entry.get("at"), q.from()));
            }
            if (q.to() != null) {
                conditions.add(cb.lessThan(entry.get("at"), q.to()));
            }
            if (q.languages() != null) {
                conditions.add(entry.get("language").in(q.languages()));
            }
            return conditions.isEmpty() ? null : cb.and(conditions.toArray(Predicate[]::new));
        };
    }
}
