package fi.laituri.site;

import fi.laituri.events.Outbox;
import fi.laituri.events.OutboxEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Rebuilds the site when what is public changes: reads the outbox as consumer "site" every
 * {@code laituri.site.auto-build-interval} and builds once for each batch of events, re-reading only the
 * documents they name. Changes that arrive together make one build. The position moves only when the
 * build succeeded, so a crashed build is simply retried.
 */
@Singleton
@Requires(property = "laituri.site.auto-build", value = "true")
@Requires(property = "laituri.scheduler.enabled", notEquals = "false")
class AutoBuild {

    private static final Logger LOG = LoggerFactory.getLogger(AutoBuild.class);

    private final Outbox outbox;
    private final SiteBuilder builder;
    private final Path output;

    AutoBuild(Outbox outbox, SiteBuilder builder, @Value("${laituri.site.output:site}") String output) {
        this.outbox = outbox;
        this.builder = builder;
        this.output = Path.of(output);
    }

    @Scheduled(fixedDelay = "${laituri.site.auto-build-interval:100ms}", initialDelay = "1s")
    void tick() {
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
}
