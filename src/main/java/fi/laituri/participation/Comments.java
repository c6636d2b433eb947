package fi.laituri.participation;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.PublicContent;
import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.events.Outbox;
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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Readers' comments: taken as {@code pending}, shown on the post's page only once a publisher approves them.
 * Every moderation step is audited, and each that changes what a page shows (approving, deleting or rejecting an
 * approved comment, a reply to one) appends a {@value #CHANGED} event to the outbox, so the site is rebuilt for that
 * post as for a publish.
 */
@Singleton
public class Comments {

    static final String CHANGED = "comments.changed";
    private static final Sort OLDEST_FIRST = Sort.of(Sort.Order.asc("createdAt"), Sort.Order.asc("id"));
    private static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final CommentRepository comments;
    private final CommentSwitchRepository switches;
    private final PublicContent content;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Settings settings;
    private final Clock clock;
    private final ZoneId zone;

    Comments(CommentRepository comments, CommentSwitchRepository switches, PublicContent content, AuditLog audit,
             Outbox outbox, Settings settings, Clock clock,
             @io.micronaut.context.annotation.Value("${laituri.time-zone:Europe/Helsinki}") String zone) {
        this.comments = comments;
        this.switches = switches;
        this.content = content;
        this.audit = audit;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** A comment as publishers see it: never the e-mail, only whether one was given. */
    @Serdeable
    public record CommentView(long id, long documentId, String language, String name, String text, String state,
                       OffsetDateTime createdAt, boolean hasEmail, @Nullable OffsetDateTime decidedAt,
                       @Nullable String decidedBy, @Nullable String reply, @Nullable String replyBy,
                       @Nullable OffsetDateTime repliedAt) {
    }

    @Serdeable
    public record CommentPage(List<CommentView> items, int page, int size, long total) {
    }

    @Serdeable
    record Received(long id, String state) {
    }

    /** Whether a post takes comments now, and if not, why: {@code kind}, {@code off} or {@code closed}. */
    record Openness(boolean open, @Nullable String why) {
    }

    /** Takes a reader's comment as pending; the post must be live in the language and take comments. */
    @Transactional
    Received submit(long documentId, String language, String name, @Nullable String email, String text) {
        LiveVariant post = content.liveOf(Set.of(documentId)).stream().filter(v -> v.language().equals(language))
                .findFirst().orElseThrow(() -> DomainException.notFound("No published post " + documentId + " in " + language + "."));
        Openness openness = openness(post, switches.findById(documentId).map(CommentSwitch::open).orElse(null));
        if (!openness.open()) {
            throw DomainException.conflict("comments-" + openness.why(), "This post takes no comments ("
                    + openness.why() + ").");
        }
        Comment saved = comments.save(new Comment(null, documentId, language, name, email, text, Comment.PENDING,
                clock.instant(), null, null, null, null, null));
        return new Received(saved.id(), saved.state());
    }

    /** {@code switchedOpen}: a publisher's word on the post, null for none. */
    Openness openness(LiveVariant post, @Nullable Boolean switchedOpen) {
        if (!settings.commentKinds.contains(post.kind())) {
            return new Openness(false, "kind");
        }
        if (Boolean.FALSE.equals(switchedOpen)) {
            return new Openness(false, "off");
        }
        if (!Boolean.TRUE.equals(switchedOpen) && !settings.commentsOpenFor.isZero() && post.date() != null
                && post.date().toInstant().plus(settings.commentsOpenFor).isBefore(clock.instant())) {
            return new Openness(false, "closed");
        }
        return new Openness(true, null);
    }

    /** Filters, null for any; oldest first, the order a moderator works through them. */
    public record Query(@Nullable Long post, @Nullable String language, @Nullable String state, int page, int size) {
    }

    @Transactional(readOnly = true)
    public CommentPage list(Query q) {
        PredicateSpecification<Comment> matching = (c, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (q.post() != null) {
                where.add(cb.equal(c.get("documentId"), q.post()));
            }
            if (q.language() != null) {
                where.add(cb.equal(c.get("language"), q.language()));
            }
            if (q.state() != null) {
                where.add(cb.equal(c.get("state"), q.state()));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        };
        io.micronaut.data.model.Page<Comment> page = comments.findAll(matching, Pageable.from(q.page() - 1, q.size(), OLDEST_FIRST));
        return new CommentPage(page.getContent().stream().map(this::view).toList(), q.page(), q.size(), page.getTotalSize());
    }

    /** The comments in one state, newest first: what a moderator has let through lately and may answer. */
    @Transactional(readOnly = true)
    public CommentPage latest(String state, int page, int size) {
        io.micronaut.data.model.Page<Comment> found = comments.findAll((c, cb) -> cb.equal(c.get("state"), state),
                Pageable.from(page - 1, size, NEWEST_FIRST));
        return new CommentPage(found.getContent().stream().map(this::view).toList(), page, size, found.getTotalSize());
    }

    @Transactional
    public CommentView decide(long id, String state, Actor actor) {
        Comment c = find(id);
        if (c.state().equals(state)) {
            return view(c);
        }
        Comment decided = comments.update(c.decided(state, clock.instant(), actor.name()));
        audit.record(AuditLog.Event.of(actor.name(), "comment." + state, c.documentId(), c.language())
                .states(c.state(), state).detail("comment " + id));
        if (c.state().equals(Comment.APPROVED) || state.equals(Comment.APPROVED)) {
            changed(c, state);
        }
        return view(decided);
    }

    @Transactional
    public CommentView reply(long id, @Nullable String text, Actor actor) {
        Comment c = find(id);
        Comment replied = comments.update(c.replied(text == null || text.isBlank() ? null : text, clock.instant(), actor.name()));
        audit.record(AuditLog.Event.of(actor.name(), replied.reply() == null ? "comment.reply-removed" : "comment.replied",
                c.documentId(), c.language()).detail("comment " + id));
        if (c.state().equals(Comment.APPROVED)) {
            changed(c, "replied");
        }
        return view(replied);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Comment c = find(id);
        comments.delete(c);
        audit.record(AuditLog.Event.of(actor.name(), "comment.deleted", c.documentId(), c.language())
                .states(c.state(), null).detail("comment " + id));
        if (c.state().equals(Comment.APPROVED)) {
            changed(c, "deleted");
        }
    }

    /** Turns a post's comments on or off, over its kind's default and the time they stay open. */
    @Serdeable
    record Switched(long documentId, boolean open) {
    }

    @Transactional
    Switched switchPost(long documentId, boolean open, Actor actor) {
        if (content.liveOf(Set.of(documentId)).isEmpty()) {
            throw DomainException.notFound("No published document " + documentId + ".");
        }
        CommentSwitch s = new CommentSwitch(documentId, open, actor.name(), clock.instant());
        if (switches.existsById(documentId)) {
            switches.update(s);
        } else {
            switches.save(s);
        }
        audit.record(AuditLog.Event.of(actor.name(), open ? "comments.opened" : "comments.closed", documentId, null));
        content.liveOf(Set.of(documentId)).forEach(v -> outbox.append(CHANGED, documentId, v.language(), null,
                Map.of("open", open)));
        return new Switched(documentId, open);
    }

    private void changed(Comment c, String what) {
        outbox.append(CHANGED, c.documentId(), c.language(), null, Map.of("commentId", c.id(), "change", what));
    }

    private Comment find(long id) {
        return comments.findById(id).orElseThrow(() -> DomainException.notFound("No comment " + id + "."));
    }

    private CommentView view(Comment c) {
        return new CommentView(c.id(), c.documentId(), c.language(), c.name(), c.body(), c.state(), time(c.createdAt()),
                c.email() != null && !c.email().isEmpty(), time(c.decidedAt()), c.decidedBy(), c.reply(), c.replyBy(),
                time(c.repliedAt()));
    }

    private OffsetDateTime time(@Nullable Instant t) {
        return t == null ? null : t.atZone(zone).toOffsetDateTime();
    }

    /** What the site shows: approved comments of these posts, oldest first, and each post's switch. */
    @Transactional(readOnly = true)
    Shown shown(List<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return new Shown(List.of(), List.of());
        }
        if (documentIds.size() <= NAMED_IDS) {
            return new Shown(comments.findByDocumentIdInAndStateOrderById(documentIds, Comment.APPROVED),
                    switches.findByDocumentIdIn(documentIds));
        }
        // A whole site's posts (a site build asks for every one, 33,000 at 100,000 documents): every approved comment
        // and switch read in one pass each, instead of statements with as many parameters as posts.
        Set<Long> wanted = new HashSet<>(documentIds);
        return new Shown(comments.findByStateOrderById(Comment.APPROVED).stream()
                .filter(c -> wanted.contains(c.documentId())).toList(),
                StreamSupport.stream(switches.findAll().spliterator(), false)
                        .filter(s -> wanted.contains(s.documentId())).toList());
    }

    /** Above this many posts, comments are read for the whole site and picked in memory. */
    private static final int NAMED_IDS = 200;

    record Shown(List<Comment> approved, List<CommentSwitch> switches) {
    }

    /** Now by the clock that decides whether a post's comments are open. */
    Instant now() {
        return clock.instant();
    }

    OffsetDateTime shownTime(Instant t) {
        return time(t);
    }
}
