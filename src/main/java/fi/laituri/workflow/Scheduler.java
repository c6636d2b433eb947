package fi.laituri.workflow;

import fi.laituri.BuildPause;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.Document;
import fi.laituri.content.PublicChanges;
import fi.laituri.content.Variant;
import fi.laituri.content.ContentReads;
import fi.laituri.content.VariantStates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carries out scheduled publications, unpublications and releases when their time comes. The
 * schedule lives in the database, so it survives restarts; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances on one database act on each exactly once.
 * A scheduled change that fails is logged with its cause, counted ({@code laituri.scheduler.failures})
 * and tried again after {@code backoff-base} × 2^(failures - 1), at most {@code backoff-max}; after
 * {@code max-failures} the scheduler gives up: the schedule is dropped, the variant's
 * {@code scheduleFailure} says why, and the audit log has a {@code variant.schedule_failed} entry.
 */
@Singleton
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final String ACTOR = "scheduler";
    private static final int MAX_REASON_LENGTH = 1000;

    private final ContentReads reads;
    private final ScheduleRepository schedule;
    private final VariantStates states;
    private final Publishing publishing;
    private final Releases releases;
    private final AuditLog audit;
    private final PublicChanges publicChanges;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final Counter failuresCounted;
    private final Counter runsCounted;
    private final int maxFailures;
    private final Duration backoffBase;
    private final Duration backoffMax;

    Scheduler(ContentReads reads, ScheduleRepository schedule, VariantStates states,
              Publishing publishing,
              Releases releases, AuditLog audit, PublicChanges publicChanges, TransactionOperations<Connection> tx, Clock clock,
              MeterRegistry meters,
              @Value("${laituri.scheduler.max-failures:5}") int maxFailures,
              @Value("${laituri.scheduler.backoff-base:30s}") Duration backoffBase,
              @Value("${laituri.scheduler.backoff-max:30m}") Duration backoffMax) {
        this.reads = reads;
        this.schedule = schedule;
        this.states = states;
        this.publishing = publishing;
        this.releases = releases;
        this.audit = audit;
        this.publicChanges = publicChanges;
        this.tx = tx;
        this.clock = clock;
        this.failuresCounted = meters.counter("laituri.scheduler.failures");
        this.runsCounted = meters.counter("laituri.scheduler.runs");
        this.maxFailures = maxFailures;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
    }

    @Scheduled(fixedDelay = "${laituri.scheduler.interval:1s}", initialDelay = "1s")
    void tick() {
        runsCounted.increment();
        try {
            runDue();
        } catch (RuntimeException e) {
            failuresCounted.increment();
            LOG.error("scheduled publishing failed; it is tried again at the next tick", e);
        }
    }

    /**
     * Acts on everything due now, each variant in a transaction of its own so that one failure
     * holds back nothing else; returns how many variants and releases it changed.
     */
    int runDue() {
        Instant now = clock.instant();
        int changed = 0;
        for (Long id : tx.executeRead(s -> schedule.duePublications(now))) {
            changed += once(id, ScheduleAttempt.PUBLISH, now, () -> states.claimDuePublication(id, now).map(v -> {
                publishing.publish(document(v), v, ACTOR, "scheduled for " + v.publishAt());
                BuildPause.at("scheduled-publish");
                return 1;
            }).orElse(0));
        }
        for (Long id : tx.executeRead(s -> schedule.dueUnpublications(now))) {
            changed += once(id, ScheduleAttempt.UNPUBLISH, now, () -> states.claimDueUnpublication(id, now).map(v -> {
                if (v.isLive()) {
                    publishing.unpublish(document(v), v, ACTOR, "scheduled for " + v.unpublishAt());
                } else {
                    states.schedule(v, v.publishAt(), null);
                    audit.record(AuditLog.Event.of(ACTOR, "variant.unscheduled", v.documentId(), v.language())
                            .comment("nothing was live at " + v.unpublishAt() + " to unpublish"));
                }
                return 1;
            }).orElse(0));
        }
        return changed + releases.publishDue(now);
    }

    private int once(long variantId, String action, Instant now, Supplier<Integer> work) {
        try {
            return tx.executeWrite(s -> {
                int done = work.get();
                if (done > 0) {
                    schedule.forget(variantId, action);
                }
                return done;
            });
        } catch (RuntimeException e) {
            failed(variantId, action, now, e);
            return 0;
        }
    }

    /**
     * Records a failed attempt in a transaction of its own (the one that failed has rolled back): the time
     * of the next, or, at {@code max-failures}, that the scheduler gives up.
     */
    private void failed(long variantId, String action, Instant now, RuntimeException cause) {
        failuresCounted.increment();
        String reason = describe(cause);
        boolean publication = action.equals(ScheduleAttempt.PUBLISH);
        try {
            tx.executeWrite(s -> {
                // Not due any more (unscheduled meanwhile), or another instance is on it: nothing to record.
                Optional<Variant> claimed = publication ? states.claimDuePublication(variantId, now)
                        : states.claimDueUnpublication(variantId, now);
                claimed.ifPresent(v -> {
                    Instant dueAt = publication ? v.publishAt() : v.unpublishAt();
                    int failures = schedule.find(variantId, action).filter(a -> a.dueAt().equals(dueAt))
                            .map(ScheduleAttempt::failures).orElse(0) + 1;
                    if (failures < maxFailures) {
                        Instant retryAt = clock.instant().plus(backoff(failures));
                        schedule.failed(variantId, action, dueAt, failures, retryAt, reason);
                        LOG.warn("scheduled {} of variant {} (document {}, {}) failed, attempt {} of {}; tried again at {}",
                                action, variantId, v.documentId(), v.language(), failures, maxFailures, retryAt, cause);
                        return;
                    }
                    String why = "scheduled " + action + " for " + dueAt + " failed " + failures + " times: " + reason;
                    Variant updated = states.giveUpSchedule(v, publication, why);
                    schedule.forget(variantId, action);
                    audit.record(AuditLog.Event.of(ACTOR, "variant.schedule_failed", v.documentId(), v.language())
                            .comment(why));
                    publicChanges.record(PublicChanges.UNSCHEDULED, document(v), updated);
                    LOG.error("gave up the scheduled {} of variant {} (document {}, {}) after {} failures", action, variantId,
                            v.documentId(), v.language(), failures, cause);
                });
                return null;
            });
        } catch (RuntimeException e) {
            e.addSuppressed(cause);
            LOG.error("the failed scheduled {} of variant {} could not be recorded; it is tried again at the next tick",
                    action, variantId, e);
        }
    }

    /** backoff-base × 2^(failures - 1), at most backoff-max. */
    Duration backoff(int failures) {
        Duration delay = backoffBase.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
    }

    private Document document(Variant v) {
        return reads.document(v.documentId()).orElseThrow();
    }
}
