package fi.laituri.site;

import fi.laituri.events.Outbox;
import fi.laituri.events.OutboxEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Rebuilds the site when what is public changes: reads the outbox as the site folder's consumer ({@link SiteFolder}) at once when a
 * transaction of this process appended to it, and every {@code laituri.site.auto-build-interval} for
 * changes made by other instances, and builds once for each batch of events, re-reading only the
 * documents they name. One build runs at a time across instances: the build lock is held from reading the
 * position to moving it, and no transaction is open while the site is rendered, written and indexed. The
 * position moves only after the new build is live, so a build that fails or crashes is built again; a
 * failure is logged with its cause and counted ({@code laituri.site.build.failures}), and the next try
 * waits {@code auto-build-backoff-base} × 2^(failures in a row), at most {@code auto-build-backoff-max}.
 */
@Singleton
@Requires(property = "laituri.site.auto-build", value = "true")
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class AutoBuild {

    private static final Logger LOG = LoggerFactory.getLogger(AutoBuild.class);

    private final Outbox outbox;
    private final SiteBuilder builder;
    private final BuildLock lock;
    private final Clock clock;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Counter failuresCounted;
    private final Path output;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;
    private final ReentrantLock running = new ReentrantLock();
    /** Failed builds in a row, and when the next may start; only the thread holding {@link #running} changes them. */
    private int failures;
    private Instant retryAt = Instant.MIN;
    private final ExecutorService woken = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "site-auto-build");
        t.setDaemon(true);
        return t;
    });

    AutoBuild(Outbox outbox, SiteBuilder builder, BuildLock lock, Clock clock, MeterRegistry meters,
              @Value("${laituri.site.output:site}") String output,
              @Value("${laituri.site.auto-build-backoff-base:1s}") Duration backoffBase,
              @Value("${laituri.site.auto-build-backoff-max:5m}") Duration backoffMax) {
        this.outbox = outbox;
        this.builder = builder;
        this.lock = lock;
        this.clock = clock;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.failuresCounted = meters.counter("laituri.site.build.failures");
        this.output = Path.of(output);
        outbox.onCommit(this::wake);
    }

    /** A commit appended events: build as soon as the build running now, if any, is done. */
    private void wake() {
        pending.set(true);
        try {
            woken.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // shutting down: the next start builds from the outbox
        }
    }

    @Scheduled(fixedDelay = "${laituri.site.auto-build-interval:500ms}", initialDelay = "${laituri.site.auto-build-interval:500ms}")
    void tick() {
        pending.set(true);
        drain();
    }

    /** Builds while there may be events; a caller finding a build running leaves the rest to it. */
    private void drain() {
        while (!closed && pending.get() && running.tryLock()) {
            try {
                if (clock.instant().isBefore(retryAt)) {
                    // Backing off after a failure: a tick after retryAt builds what is pending.
                    return;
                }
                pending.set(false);
                buildOnce();
            } finally {
                running.unlock();
            }
        }
    }

    private void buildOnce() {
        try {
            String consumer = SiteFolder.consumer(output.toAbsolutePath().normalize());
            lock.holding(output, () -> outbox.consumeOutsideTransaction(consumer, 10_000, batch -> {
                BuildReport report = builder.update(output, batch.stream().map(OutboxEvent::documentId).collect(Collectors.toSet()));
                LOG.info("site rebuilt after {} change(s): {} files written, {} unchanged, {} deleted, {} warnings, {} ms",
                        batch.size(), report.written().size(), report.unchanged(), report.deleted().size(), report.warnings().size(),
                        report.millis());
            }));
            if (failures > 0) {
                LOG.info("the site build succeeded after {} failed attempt(s)", failures);
            }
            failures = 0;
            retryAt = Instant.MIN;
        } catch (RuntimeException e) {
            failures++;
            failuresCounted.increment();
            retryAt = clock.instant().plus(backoff(failures));
            pending.set(true);
            LOG.error("the site build failed ({} in a row); it is tried again at {}", failures, retryAt, e);
        }
    }

    /** auto-build-backoff-base × 2^(failures - 1), at most auto-build-backoff-max. */
    Duration backoff(int failures) {
        Duration delay = backoffBase.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }

    /**
     * No build starts after this; one under way may finish (for up to a minute) before the database goes, so its
     * changes are marked done rather than built again at the next start.
     */
    @PreDestroy
    void close() {
        closed = true;
        woken.shutdown();
        try {
            if (running.tryLock(1, TimeUnit.MINUTES)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
