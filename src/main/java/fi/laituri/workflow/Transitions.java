package fi.laituri.workflow;

import fi.laituri.audit.AuditLog;
import fi.laituri.content.Api;
import fi.laituri.content.Document;
import fi.laituri.content.Documents;
import fi.laituri.content.PublicChanges;
import fi.laituri.content.Status;
import fi.laituri.content.Variant;
import fi.laituri.content.ContentReads;
import fi.laituri.content.VariantStates;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.security.Role;
import fi.laituri.translation.BilingualCheck;
import fi.laituri.DomainException;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves one language version through its workflow: draft → in_review → approved → published,
 * published → unpublished, in_review → draft on rejection or withdrawal. Each transition locks the
 * variant's row, so of two concurrent transitions exactly one applies and the other sees the new state.
 */
@Singleton
public class Transitions {

    /** What a user asks the workflow to do. */
    public enum Action {
        SUBMIT, WITHDRAW, APPROVE, REJECT, PUBLISH, UNPUBLISH, UNSCHEDULE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Action> parse(String code) {
            return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
        }
    }

    private static final Map<Action, Set<Status>> FROM = Map.of(
            Action.SUBMIT, EnumSet.of(Status.DRAFT, Status.UNPUBLISHED),
            Action.WITHDRAW, EnumSet.of(Status.IN_REVIEW),
            Action.APPROVE, EnumSet.of(Status.IN_REVIEW),
            Action.REJECT, EnumSet.of(Status.IN_REVIEW),
            Action.PUBLISH, EnumSet.of(Status.APPROVED));

    private final ContentReads reads;
    private final Documents content;
    private final VariantStates states;
    private final Publishing publishing;
    private final PublicChanges publicChanges;
    private final AuditLog audit;
    private final Policy policy;
    private final Languages languages;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final boolean fourEyes;
    private final BilingualCheck bilingual;

    Transitions(ContentReads reads,
                Documents content, VariantStates states, Publishing publishing, PublicChanges publicChanges,
                AuditLog audit, Policy policy, Languages languages, TransactionOperations<Connection> tx, Clock clock,
                @Value("${laituri.workflow.four-eyes:true}") boolean fourEyes, BilingualCheck bilingual) {
        this.reads = reads;
        this.content = content;
        this.states = states;
        this.publishing = publishing;
        this.publicChanges = publicChanges;
        this.audit = audit;
        this.policy = policy;
        this.languages = languages;
        this.tx = tx;
        this.clock = clock;
        this.fourEyes = fourEyes;
        this.bilingual = bilingual;
    }

    /** The variant after the step, and what the user should know about it (a translation not published). */
    public record Outcome(Api.VariantView variant, List<String> warnings) {
    }

    public Outcome apply(long documentId, String language, String actionCode, String comment,
                                 OffsetDateTime at, Actor actor) {
        Action action = Action.parse(actionCode).orElseThrow(() -> DomainException.invalid("action",
                "unknown action; one of " + Arrays.stream(Action.values()).map(Action::code).collect(Collectors.joining(", "))));
        if (!languages.isConfigured(language)) {
            throw DomainException.invalid("language", "unknown language " + language);
        }
        policy.require(actor, permission(action), language);
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (action == Action.REJECT && text == null) {
            throw DomainException.invalid("comment", "say why the version is rejected");
        }
        Instant when = at == null ? null : at.toInstant();
        if (when != null && action != Action.PUBLISH && action != Action.UNPUBLISH) {
            throw DomainException.invalid("at", "only publish and unpublish take a time");
        }
        if (when != null && when.isBefore(clock.instant())) {
            throw DomainException.invalid("at", "the time is in the past; leave it out to act now");
        }
        try {
            return tx.executeWrite(s -> {
                Document doc = reads.document(documentId)
                        .orElseThrow(() -> DomainException.notFound("no document " + documentId));
                Variant v = states.lock(documentId, language)
                        .orElseThrow(() -> DomainException.notFound("document " + documentId + " has no " + language + " version"));
                List<String> warnings = new ArrayList<>();
                if (action == Action.PUBLISH && FROM.get(action).contains(v.state())) {
                    warnings.addAll(bilingual.beforePublishing(doc, v));
                }
                return new Outcome(content.view(doc, apply(doc, v, action, text, when, actor)), List.copyOf(warnings));
            });
        } catch (OptimisticLockException e) {
            throw DomainException.conflict("concurrent-change", "the version changed at the same moment; read it and try again");
        }
    }

    private Variant apply(Document doc, Variant v, Action action, String comment, Instant at, Actor actor) {
        Set<Status> allowed = FROM.get(action);
        if (allowed != null && !allowed.contains(v.state())) {
            throw notAllowed(action, v);
        }
        return switch (action) {
            case SUBMIT -> move(doc, v, Status.IN_REVIEW, actor.name(), actor, "variant.submitted", comment);
            case WITHDRAW -> {
                if (actor.role() != Role.ADMIN && !actor.name().equals(v.submittedBy())) {
                    throw forbidden("only " + v.submittedBy() + ", who submitted it, may withdraw it");
                }
                yield move(doc, v, Status.DRAFT, null, actor, "variant.withdrawn", comment);
            }
            case REJECT -> move(doc, v, Status.DRAFT, null, actor, "variant.rejected", comment);
            case APPROVE -> {
                if (fourEyes) {
                    requireFourEyes(doc, v, actor);
                }
                yield move(doc, v, Status.APPROVED, v.submittedBy(), actor, "variant.approved", comment);
            }
            case PUBLISH -> at == null ? publishing.publish(doc, v, actor.name(), comment) : schedule(doc, v, at, null, actor, comment);
            case UNPUBLISH -> {
                if (!v.isLive()) {
                    throw notAllowed(action, v);
                }
                yield at == null ? publishing.unpublish(doc, v, actor.name(), comment) : schedule(doc, v, v.publishAt(), at, actor, comment);
            }
            case UNSCHEDULE -> {
                if (v.publishAt() == null && v.unpublishAt() == null) {
                    throw DomainException.conflict("nothing-scheduled", "nothing is scheduled for this version");
                }
                Variant updated = states.schedule(v, null, null);
                audit.record(AuditLog.Event.of(actor.name(), "variant.unscheduled", doc.id(), v.language())
                        .revision(v.revision()).comment(comment));
                publicChanges.record(PublicChanges.UNSCHEDULED, doc, updated);
                yield updated;
            }
        };
    }

    /**
     * The approver must have written none of the revisions since the last published one (all of them, when none
     * was published): approving a text one helped write after someone else touched it last is approving one's own.
     */
    private void requireFourEyes(Document doc, Variant v, Actor actor) {
        int published = Math.max(v.liveRevision() == null ? 0 : v.liveRevision(),
                audit.lastPublishedRevision(doc.id(), v.language()).orElse(0));
        List<Integer> own = reads.revisionsWrittenBy(
                v.id(), published, actor.name());
        if (!own.isEmpty()) {
            throw forbidden("four-eyes rule: " + actor.name() + " wrote revision"
                    + (own.size() == 1 ? " " : "s ") + own.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (published == 0 ? " of this version" : " since revision " + published + " was published")
                    + " and cannot approve it; another publisher must");
        }
    }

    private Variant move(Document doc, Variant v, Status to, String submittedBy, Actor actor, String auditAction,
                         String comment) {
        Variant updated = states.move(v, to, submittedBy);
        audit.record(AuditLog.Event.of(actor.name(), auditAction, doc.id(), v.language()).revision(v.revision())
                .states(v.status(), to.code()).comment(comment));
        return updated;
    }

    private Variant schedule(Document doc, Variant v, Instant publishAt, Instant unpublishAt, Actor actor, String comment) {
        Variant updated = states.schedule(v, publishAt, unpublishAt != null ? unpublishAt : v.unpublishAt());
        String detail = (publishAt != null ? "publish at " + publishAt : "")
                + (unpublishAt != null ? (publishAt != null ? ", " : "") + "unpublish at " + unpublishAt : "");
        audit.record(AuditLog.Event.of(actor.name(), "variant.scheduled", doc.id(), v.language()).revision(v.revision())
                .comment(comment).detail(detail));
        publicChanges.record(PublicChanges.SCHEDULED, doc, updated, PublicChanges.schedule(updated));
        return updated;
    }

    /** The permission an action takes: the route admits every role with one of them, and the action then checks its own. */
    static Permission permission(Action action) {
        return switch (action) {
            case SUBMIT -> Permission.SUBMIT;
            case WITHDRAW -> Permission.WITHDRAW;
            case APPROVE, REJECT -> Permission.REVIEW;
            case PUBLISH, UNPUBLISH, UNSCHEDULE -> Permission.PUBLISH;
        };
    }

    private static DomainException notAllowed(Action action, Variant v) {
        String detail = action == Action.UNPUBLISH
                ? "nothing of this version is public, so there is nothing to unpublish"
                : "cannot " + action.code() + " a version that is " + v.status().replace('_', ' ');
        return DomainException.conflict("transition-not-allowed", detail,
                Map.of("currentState", v.status(), "live", v.isLive()));
    }

    private static DomainException forbidden(String reason) {
        return DomainException.forbidden(reason);
    }
}
