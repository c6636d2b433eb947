package fi.laituri.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets expired desk sessions hourly, where the scheduler runs; an expired session lets no one in meanwhile. */
@Singleton
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class SessionPurgeJob {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPurgeJob.class);

    private final Sessions sessions;

    SessionPurgeJob(Sessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "2m")
    void run() {
        try {
            int purged = sessions.purge();
            if (purged > 0) {
                LOG.debug("forgot {} expired desk sessions", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("forgetting expired desk sessions failed ({}); it is tried again in an hour", e.toString());
        }
    }
}
