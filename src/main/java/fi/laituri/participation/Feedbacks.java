package fi.laituri.participation;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import fi.laituri.security.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.Predicate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers' feedback on the site. Accessibility feedback must be answered within {@code reply-days} (14, as the
 * accessibility law asks): it gets a reply-by date and is listed as due until a publisher marks it handled.
 */
@Singleton
public class Feedbacks {

    private static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
    private static final Sort OLDEST_FIRST = Sort.of(Sort.Order.asc("createdAt"), Sort.Order.asc("id"));

    private final FeedbackRepository feedback;
    private final AuditLog audit;
    private final Settings settings;
    private final Clock clock;
    private final ZoneId zone;

    Feedbacks(FeedbackRepository feedback, AuditLog audit, Settings settings, Clock clock,
              @io.micronaut.context.annotation.Value("${laituri.time-zone:Europe/Helsinki}") String zone) {
        this.feedback = feedback;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @Serdeable
    public record FeedbackView(long id, String language, String category, String message, @Nullable String name,
                        @Nullable String email, @Nullable String page, OffsetDateTime createdAt,
                        @Nullable LocalDate replyBy, boolean overdue, @Nullable OffsetDateTime handledAt,
                        @Nullable String handledBy, @Nullable String note) {
    }

    @Serdeable
    public record FeedbackPage(List<FeedbackView> items, int page, int size, long total) {
    }

    /** A feedback taken: its id and, for accessibility feedback, the date it must be answered by. */
    record Received(long id, @Nullable LocalDate replyBy) {
    }

    @Transactional
    Received submit(String language, String category, String message, @Nullable String name, @Nullable String email,
                @Nullable String page) {
        Instant now = clock.instant();
        LocalDate replyBy = category.equals("accessibility") ? now.atZone(zone).toLocalDate().plusDays(settings.replyDays) : null;
        return new Received(feedback.save(new Feedback(null, language, category, message, name, email, page, now, replyBy,
                null, null, null)).id(), replyBy);
    }

    /** {@code handled}: true, false or null for either. Newest first. */
    public record Query(@Nullable String category, @Nullable String language, @Nullable Boolean handled, int page, int size) {
    }

    @Transactional(readOnly = true)
    public FeedbackPage list(Query q) {
        io.micronaut.data.model.Page<Feedback> page = feedback.findAll(matching(q), Pageable.from(q.page() - 1, q.size(), NEWEST_FIRST));
        return new FeedbackPage(page.getContent().stream().map(this::view).toList(), q.page(), q.size(), page.getTotalSize());
    }

    /** Every match, for the CSV export. */
    @Transactional(readOnly = true)
    public List<FeedbackView> all(Query q) {
        return feedback.findAll(matching(q), NEWEST_FIRST).stream().map(this::view).toList();
    }

    private static PredicateSpecification<Feedback> matching(Query q) {
        return (f, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (q.category() != null) {
                where.add(cb.equal(f.get("category"), q.category()));
            }
            if (q.language() != null) {
                where.add(cb.equal(f.get("language"), q.language()));
            }
            if (q.handled() != null) {
                where.add(q.handled() ? cb.isNotNull(f.get("handledAt")) : cb.isNull(f.get("handledAt")));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        };
    }

    /** Unhandled feedback, oldest first: the order in which it waits for an answer. */
    @Transactional(readOnly = true)
    public List<FeedbackView> open() {
        return feedback.findAll(matching(new Query(null, null, false, 1, 1)), OLDEST_FIRST).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public FeedbackView get(long id) {
        return view(feedback.findById(id).orElseThrow(() -> DomainException.notFound("No feedback " + id + ".")));
    }

    /** Unhandled feedback that has a reply-by date, overdue first (the earliest date first). */
    @Transactional(readOnly = true)
    List<FeedbackView> due() {
        return feedback.findByHandledAtIsNullAndReplyByIsNotNullOrderByReplyBy().stream().map(this::view).toList();
    }

    @Transactional
    public FeedbackView handle(long id, @Nullable String note, Actor actor) {
        Feedback f = feedback.findById(id).orElseThrow(() -> DomainException.notFound("No feedback " + id + "."));
        Feedback handled = feedback.update(f.handled(clock.instant(), actor.name(), note));
        audit.record(AuditLog.Event.of(actor.name(), "feedback.handled", null, f.language()).detail("feedback " + id));
        return view(handled);
    }

    private FeedbackView view(Feedback f) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return new FeedbackView(f.id(), f.language(), f.category(), f.message(), f.name(), f.email(), f.page(),
                f.createdAt().atZone(zone).toOffsetDateTime(), f.replyBy(),
                f.replyBy() != null && f.handledAt() == null && f.replyBy().isBefore(today),
                f.handledAt() == null ? null : f.handledAt().atZone(zone).toOffsetDateTime(), f.handledBy(), f.note());
    }
}
