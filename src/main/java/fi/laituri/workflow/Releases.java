package fi.laituri.workflow;

import fi.laituri.audit.AuditLog;
import fi.laituri.content.Document;
import fi.laituri.content.Status;
import fi.laituri.content.Variant;
import fi.laituri.content.ContentReads;
import fi.laituri.content.VariantStates;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.translation.BilingualCheck;
import fi.laituri.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Releases: several language versions that go live together, now or at a time. All members are
 * checked before any is touched, in one transaction that holds their rows, so either every member
 * goes live or none does and the reasons are told.
 */
@Singleton
public class Releases {

    private final ReleaseRepository releases;
    private final ContentReads reads;
    private final VariantStates states;
    private final Publishing publishing;
    private final AuditLog audit;
    private final Policy policy;
    private final Languages languages;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final BilingualCheck bilingual;

    Releases(ReleaseRepository releases, ContentReads reads, VariantStates states, Publishing publishing,
             AuditLog audit, Policy policy, Languages languages, TransactionOperations<Connection> tx, Clock clock,
             BilingualCheck bilingual) {
        this.releases = releases;
        this.reads = reads;
        this.states = states;
        this.publishing = publishing;
        this.audit = audit;
        this.policy = policy;
        this.languages = languages;
        this.tx = tx;
        this.clock = clock;
        this.bilingual = bilingual;
    }

    @Serdeable
    public record Member(long documentId, String language) {
    }

    @Serdeable
    public record ReleaseView(long id, String name, String status, @Nullable Instant publishAt, @Nullable String failure,
                       String createdBy, Instant createdAt, @Nullable Instant publishedAt, List<Member> members) {
    }

    public ReleaseView create(String name, List<Member> members, Actor actor) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        Set<Member> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (!languages.isConfigured(m.language())) {
                errors.add(new DomainException.FieldError("members[" + i + "].language", "unknown language " + m.language()));
            } else if (!seen.add(m)) {
                errors.add(new DomainException.FieldError("members[" + i + "]", "listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return tx.executeWrite(s -> {
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                if (reads.variant(m.documentId(), m.language()).isEmpty()) {
                    errors.add(new DomainException.FieldError("members[" + i + "]",
                            "document " + m.documentId() + " has no " + m.language() + " version"));
                }
            }
            if (!errors.isEmpty()) {
                throw DomainException.invalid(errors);
            }
            ReleaseBundle r = releases.save(new ReleaseBundle(null, name.strip(), "pending", null, null, actor.name(),
                    clock.instant(), null, null));
            members.forEach(m -> releases.addMember(r.id(), m.documentId(), m.language()));
            audit.record(AuditLog.Event.of(actor.name(), "release.created", null, null).detail("release " + r.id() + " " + r.name()));
            return view(r);
        });
    }

    public ReleaseView get(long id) {
        return tx.executeRead(s -> view(release(id)));
    }

    public List<ReleaseView> list() {
        return tx.executeRead(s -> releases.newestFirst().stream().map(this::view).toList());
    }

    /** Publishes now, or schedules when {@code at} is given. */
    public ReleaseView publish(long id, OffsetDateTime at, Actor actor) {
        // The route admits those who manage releases; the members going live also takes one who may publish.
        policy.require(actor, Permission.PUBLISH);
        Instant when = at == null ? null : at.toInstant();
        if (when != null && when.isBefore(clock.instant())) {
            throw DomainException.invalid("at", "the time is in the past; leave it out to publish now");
        }
        return tx.executeWrite(s -> {
            ReleaseBundle r = releases.lock(id).orElseThrow(() -> DomainException.notFound("no release " + id));
            if (r.status().equals("published")) {
                throw DomainException.conflict("release-published", "release " + id + " was published already");
            }
            if (when != null) {
                ReleaseBundle scheduled = releases.update(r.with("scheduled", when, null, null));
                audit.record(AuditLog.Event.of(actor.name(), "release.scheduled", null, null)
                        .detail("release " + id + " at " + when));
                return view(scheduled);
            }
            List<String> failures = goLive(r, actor.name());
            if (!failures.isEmpty()) {
                throw DomainException.conflict("release-not-ready",
                        "nothing was published: " + String.join("; ", failures), Map.of("failures", failures));
            }
            return view(releases.findById(id).orElseThrow());
        });
    }

    public void delete(long id, Actor actor) {
        tx.executeWrite(s -> {
            ReleaseBundle r = releases.lock(id).orElseThrow(() -> DomainException.notFound("no release " + id));
            if (r.status().equals("published")) {
                throw DomainException.conflict("release-published", "a published release is history; it stays");
            }
            audit.record(AuditLog.Event.of(actor.name(), "release.deleted", null, null).detail("release " + id + " " + r.name()));
            releases.delete(r);
            return null;
        });
    }

    /** Adds a language version to a release not yet published; a scheduled release keeps its time. */
    public ReleaseView addMember(long id, Member member, Actor actor) {
        if (!languages.isConfigured(member.language())) {
            throw DomainException.invalid("language", "unknown language " + member.language());
        }
        return tx.executeWrite(s -> {
            ReleaseBundle r = open(id);
            if (reads.variant(member.documentId(), member.language()).isEmpty()) {
                throw DomainException.invalid("documentId", "document " + member.documentId() + " has no "
                        + member.language() + " version");
            }
            if (releases.members(id).stream().anyMatch(m -> m.documentId() == member.documentId()
                    && m.language().equals(member.language()))) {
                throw DomainException.conflict("release-member", "the " + member.language() + " version of document "
                        + member.documentId() + " is in the release already");
            }
            releases.addMember(id, member.documentId(), member.language());
            audit.record(AuditLog.Event.of(actor.name(), "release.member_added", member.documentId(), member.language())
                    .detail("release " + id + " " + r.name()));
            return view(r);
        });
    }

    /** Takes a language version out of a release not yet published; the last one stays (delete the release instead). */
    public ReleaseView removeMember(long id, Member member, Actor actor) {
        return tx.executeWrite(s -> {
            ReleaseBundle r = open(id);
            List<MemberRow> members = releases.members(id);
            if (members.stream().noneMatch(m -> m.documentId() == member.documentId()
                    && m.language().equals(member.language()))) {
                throw DomainException.notFound("release " + id + " has no " + member.language() + " version of document "
                        + member.documentId());
            }
            if (members.size() == 1) {
                throw DomainException.conflict("release-last-member",
                        "a release needs at least one version; delete the release instead");
            }
            releases.removeMember(id, member.documentId(), member.language());
            audit.record(AuditLog.Event.of(actor.name(), "release.member_removed", member.documentId(), member.language())
                    .detail("release " + id + " " + r.name()));
            return view(r);
        });
    }

    /** Takes a scheduled (or failed) release off the schedule: it waits, pending, to be published or scheduled again. */
    public ReleaseView unschedule(long id, Actor actor) {
        return tx.executeWrite(s -> {
            ReleaseBundle r = open(id);
            if (r.status().equals("pending")) {
                return view(r);
            }
            ReleaseBundle pending = releases.update(r.with("pending", null, null, null));
            audit.record(AuditLog.Event.of(actor.name(), "release.unscheduled", null, null)
                    .detail("release " + id + " " + r.name()));
            return view(pending);
        });
    }

    /** The release, locked, if it can still change: a published release is history. */
    private ReleaseBundle open(long id) {
        ReleaseBundle r = releases.lock(id).orElseThrow(() -> DomainException.notFound("no release " + id));
        if (r.status().equals("published")) {
            throw DomainException.conflict("release-published", "release " + id + " was published already");
        }
        return r;
    }

    /** Scheduled releases whose time has come; a release that cannot go live is marked failed with the reasons. */
    int publishDue(Instant now) {
        int done = 0;
        while (true) {
            Boolean acted = tx.executeWrite(s -> releases.lockNextDue(now).map(r -> {
                List<String> failures = goLive(r, Scheduler.ACTOR);
                if (!failures.isEmpty()) {
                    releases.update(r.with("failed", r.publishAt(), String.join("; ", failures), null));
                    audit.record(AuditLog.Event.of(Scheduler.ACTOR, "release.failed", null, null)
                            .detail("release " + r.id() + ": " + String.join("; ", failures)));
                }
                return true;
            }).orElse(false));
            if (!acted) {
                return done;
            }
            done++;
        }
    }

    /** Checks every member first and changes nothing unless all can go live; returns the reasons otherwise. */
    private List<String> goLive(ReleaseBundle r, String actor) {
        List<String> failures = new ArrayList<>();
        List<Variant> ready = new ArrayList<>();
        List<Document> docs = new ArrayList<>();
        for (MemberRow m : releases.members(r.id())) {
            Variant v = states.lock(m.documentId(), m.language()).orElse(null);
            if (v == null) {
                failures.add("document " + m.documentId() + " has no " + m.language() + " version any more");
            } else if (v.state() == Status.PUBLISHED && v.isLive()) {
                continue;
            } else if (v.state() != Status.APPROVED) {
                failures.add("the " + m.language() + " version of document " + m.documentId() + " is "
                        + v.status().replace('_', ' ') + ", not approved");
            } else {
                ready.add(v);
                docs.add(reads.document(m.documentId()).orElseThrow());
            }
        }
        failures.addAll(bilingual.blockedInRelease(docs, ready));
        if (!failures.isEmpty()) {
            return failures;
        }
        for (int i = 0; i < ready.size(); i++) {
            publishing.publish(docs.get(i), ready.get(i), actor, "release " + r.id() + " " + r.name());
        }
        releases.update(r.with("published", r.publishAt(), null, clock.instant()));
        audit.record(AuditLog.Event.of(actor, "release.published", null, null)
                .detail("release " + r.id() + " " + r.name() + ": " + ready.size() + " versions went live"));
        return List.of();
    }

    private ReleaseBundle release(long id) {
        return releases.findById(id).orElseThrow(() -> DomainException.notFound("no release " + id));
    }

    private ReleaseView view(ReleaseBundle r) {
        List<Member> members = releases.members(r.id()).stream().map(m -> new Member(m.documentId(), m.language())).toList();
        return new ReleaseView(r.id(), r.name(), r.status(), r.publishAt(), r.failure(), r.createdBy(), r.createdAt(),
                r.publishedAt(), members);
    }
}
