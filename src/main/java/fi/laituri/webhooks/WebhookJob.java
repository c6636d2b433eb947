package fi.laituri.webhooks;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans new events out, and sends what is due, each on its own schedule: a receiver that is slow to
 * answer delays the deliveries, never the fan-out. Runs only where the scheduler runs: a one-shot
 * command neither consumes the outbox nor calls receivers.
 */
@Singleton
@Requires(property = "laituri.webhooks.enabled", notEquals = "false")
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class WebhookJob {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookJob.class);

    private final FanOut fanOut;
    private final Dispatcher dispatcher;

    WebhookJob(FanOut fanOut, Dispatcher dispatcher) {
        this.fanOut = fanOut;
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelay = "${laituri.webhooks.interval:1s}", initialDelay = "${laituri.webhooks.interval:1s}")
    void fanOut() {
        try {
            fanOut.run();
        } catch (RuntimeException e) {
            LOG.error("webhook fan-out failed; the events are seen again at the next tick", e);
        }
    }

    @Scheduled(fixedDelay = "${laituri.webhooks.interval:1s}", initialDelay = "${laituri.webhooks.interval:1s}")
    void deliver() {
        try {
            dispatcher.deliverDue();
        } catch (RuntimeException e) {
            LOG.error("sending webhook deliveries failed; they are tried again at the next tick", e);
        }
    }
}
