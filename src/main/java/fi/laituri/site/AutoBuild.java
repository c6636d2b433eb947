package fi.laituri.site;

import fi.laituri.events.Outbox;
import fi.laituri.events.OutboxEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Rebuilds the site when what is public changes: reads the outbox as consumer "site" at once when a
 * transaction of this process appended to it, and every {@code laituri.site.auto-build-interval} for
 * changes made by other instances, and builds once for each batch of events, re-reading only the
 * documents they name. One build runs at a time; changes that arrive while it runs make one build after
 * it. The position moves only when the build succeeded, so a crashed build is simply retried.
 */
@Singleton
@Requires(property = "laituri.site.auto-build", value = "true")
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class AutoBuild {

    private static final Logger LOG = LoggerFactory.getLogger(AutoBuild.class);

    private final Outbox outbox;
    private final SiteBuilder builder;
    private final Path output;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;
    private final ReentrantLock running = new ReentrantLock();
    private final ExecutorService woken = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "site-auto-build");
        t.setDaemon(true);
        return t;
    });

    AutoBuild(Outbox outbox, SiteBuilder builder, @Value("${laituri.site.output:site}") String output) {
        this.outbox = outbox;
        this.builder = builder;
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
                pending.set(false);
                buildOnce();
            } finally {
                running.unlock();
            }
        }
    }

    private void buildOnce() {
        try {
            outbox.consumeBatch("site", 10_000, batch -> {
                BuildReport report = builder.update(output, batch.stream().map(OutboxEvent::documentId).collect(Collectors.toSet()));
                LOG.info("site rebuilt after {} change(s): {} files written, {} unchanged, {} deleted, {} warnings, {} ms",
                        batch.size(), report.written().size(), report.unchanged(), report.deleted().size(), report.warnings().size(),
                        report.millis());
            });
        } catch (RuntimeException e) {
            LOG.error("the site build failed; it is tried again at the next tick", e);
        }
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
