package fi.laituri.workflow;

import fi.laituri.audit.AuditLog;
import fi.laituri.content.Document;
import fi.laituri.content.DocumentRepository;
import fi.laituri.content.Variant;
import fi.laituri.content.VariantRepository;
import fi.laituri.content.VariantStates;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;

/**
 * Carries out scheduled publications, unpublications and releases when their time comes. The
 * schedule lives in the database, so it survives restarts; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances on one database act on each exactly once.
 */
@Singleton
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final String ACTOR = "scheduler";

    private final VariantRepository variants;
    private final DocumentRepository documents;
    private final VariantStates states;
    private final Publishing publishing;
    private final Releases releases;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    Scheduler(VariantRepository variants, DocumentRepository documents, VariantStates states, Publishing publishing,
              Releases releases, AuditLog audit, TransactionOperations<Connection> tx, Clock clock) {
        this.variants = variants;
        this.documents = documents;
        this.states = states;
        this.publishing = publishing;
        this.releases = releases;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${laituri.scheduler.interval:1s}", initialDelay = "1s")
    void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
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
        for (Long id : tx.executeRead(s -> variants.duePublications(now))) {
            changed += once(id, () -> variants.claimDuePublication(id, now).map(v -> {
                publishing.publish(document(v), v, ACTOR, "scheduled for " + v.publishAt());
                return 1;
            }).orElse(0));
        }
        for (Long id : tx.executeRead(s -> variants.dueUnpublications(now))) {
            changed += once(id, () -> variants.claimDueUnpublication(id, now).map(v -> {
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

    private int once(Long variantId, java.util.function.Supplier<Integer> work) {
        try {
            return tx.executeWrite(s -> work.get());
        } catch (RuntimeException e) {
            LOG.error("scheduled change of variant {} failed; it is tried again at the next tick", variantId, e);
            return 0;
        }
    }

    private Document document(Variant v) {
        return documents.findById(v.documentId()).orElseThrow();
    }
}
