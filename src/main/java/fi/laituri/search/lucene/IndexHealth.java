package fi.laituri.search.lucene;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search index in {@code /health}: {@code DOWN} with the index and the reason while the newest index cannot
 * be opened (searches are then answered from the one before, if there is one, and are out of date).
 */
@Singleton
class IndexHealth implements HealthIndicator {

    private final LuceneSearchIndex index;

    IndexHealth(LuceneSearchIndex index) {
        this.index = index;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        LuceneSearchIndex.Health health = index.health();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("serving", health.serving() == null ? "no index yet" : health.serving().toString());
        if (health.failed() != null) {
            details.put("failed", health.failed().toString());
            details.put("reason", health.reason());
        }
        return Publishers.just(HealthResult.builder("search-index", health.failed() == null ? HealthStatus.UP
                : HealthStatus.DOWN).details(details).build());
    }
}
