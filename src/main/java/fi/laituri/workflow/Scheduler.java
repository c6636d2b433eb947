package fi.laituri.workflow;

import fi.laituri.content.Document;
import fi.laituri.content.DocumentRepository;
import fi.laituri.content.Variant;
import fi.laituri.content.VariantRepository;
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
    private final Publishing publishing;
    private final Releases releases;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    Scheduler(VariantRepository variants, DocumentRepository documents, Publishing publishing, Releases releases,
              TransactionOperations<Connection> tx, Clock clock) {
        this.variants = variants;
        this.documents = documents;
        this.publishing = publishing;
        this.releases = releases;
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

    /** Acts on everything due now; returns how many variants and releases it changed. */
    int runDue() {
        Instant now = clock.instant();
        int changed = tx.executeWrite(s -> {
            int n = 0;
            for (Variant v : variants.lockDuePublications(now)) {
                Document doc = documents.findById(v.documentId()).orElseThrow();
                publishing.publish(doc, v, ACTOR, "scheduled for " + v.publishAt());
                n++;
            }
            return n;
        });
        changed += tx.executeWrite(s -> {
            int n = 0;
            for (Variant v : variants.lockDueUnpublications(now)) {
                Document doc = documents.findById(v.documentId()).orElseThrow();
                if (v.isLive()) {
                    publishing.unpublish(doc, v, ACTOR, "scheduled for " + v.unpublishAt());
                } else {
                    variants.update(v.withWorkflow(v.state(), null, v.submittedBy(), v.firstPublishedAt(), v.publishAt(), null));
                }
                n++;
            }
            return n;
        });
        return changed + releases.publishDue(now);
    }
}
