package fi.laituri.participation;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link Retention} every {@code laituri.participation.retention.interval}, where the scheduler runs. */
@Singleton
@Requires(property = "laituri.participation.retention.enabled", notEquals = "false")
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;

    RetentionJob(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${laituri.participation.retention.interval:1h}", initialDelay = "1m")
    void run() {
        try {
            Retention.Deleted deleted = retention.run();
            if (deleted.feedback() + deleted.rejectedComments() + deleted.orphanedComments() > 0) {
                LOG.info("retention: deleted {} feedback, {} rejected and {} orphaned comments", deleted.feedback(),
                        deleted.rejectedComments(), deleted.orphanedComments());
            }
        } catch (RuntimeException e) {
            LOG.error("the participation retention job failed; it runs again at its next interval", e);
        }
    }
}
