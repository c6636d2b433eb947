package fi.laituri.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what happened, in the caller's transaction, and answers who did what. */
@Singleton
public class AuditLog {

    private final AuditRepository entries;
    private final JdbcOperations jdbc;
    private final Clock clock;

    AuditLog(AuditRepository entries, JdbcOperations jdbc, Clock clock) {
        this.entries = entries;
        this.jdbc = jdbc;
        this.clock = clock;
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

    /** Filters (null = any); oldest first, so the log reads as the story it tells. */
    public record Query(@Nullable Long documentId, @Nullable String actor, @Nullable Instant from,
                        @Nullable Instant to, int page, int size) {
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Event e) {
        entries.save(new AuditEntry(null, clock.instant(), e.actor(), e.action(), e.documentId(), e.language(),
                e.revision(), e.fromStatus(), e.toStatus(), e.comment(), e.detail()));
    }

    @Transactional(readOnly = true)
    public Page find(Query q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.documentId() != null) {
            where.append(" AND document_id = ?");
            params.add(q.documentId());
        }
        if (q.actor() != null) {
            where.append(" AND actor = ?");
            params.add(q.actor());
        }
        if (q.from() != null) {
            where.append(" AND at >= ?");
            params.add(java.sql.Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND at < ?");
            params.add(java.sql.Timestamp.from(q.to()));
        }
        long total = jdbc.prepareStatement("SELECT COUNT(*) FROM audit_entry" + where, ps -> {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        List<Entry> items = jdbc.prepareStatement("SELECT * FROM audit_entry" + where + " ORDER BY id LIMIT ? OFFSET ?", ps -> {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            ps.setInt(params.size() + 1, q.size());
            ps.setLong(params.size() + 2, (long) (q.page() - 1) * q.size());
            try (ResultSet rs = ps.executeQuery()) {
                return jdbc.entityStream(rs, AuditEntry.class)
                        .map(a -> new Entry(a.id(), a.at(), a.actor(), a.action(), a.documentId(), a.language(),
                                a.revision(), a.fromStatus(), a.toStatus(), a.comment(), a.detail()))
                        .toList();
            }
        });
        return new Page(items, q.page(), q.size(), total);
    }
}
