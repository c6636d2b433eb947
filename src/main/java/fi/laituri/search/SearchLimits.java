package fi.laituri.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import fi.laituri.web.ClientAddress;
import fi.laituri.web.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public search endpoints' limits. Each client (its address as {@link ClientAddress} finds it behind trusted
 * proxies) has a token bucket of {@code laituri.search.rate-limit.burst} searches refilled at {@code per-second};
 * an empty bucket gets {@code 429} with {@code Retry-After}. Browsers on the origins of
 * {@code laituri.search.cors.allowed-origins} ({@code *} for any) may read the answers, for a static site served
 * from another host.
 */
@ServerFilter({"/api/search", "/api/search/**", "/search"})
class SearchLimits {

    private final long burst;
    private final Duration perToken;
    private final List<String> origins;
    private final ClientAddress clients;
    private final Counter refusals;
    private final Map<String, Bucket> buckets;

    SearchLimits(@Value("${laituri.search.rate-limit.per-second:10}") double perSecond,
                 @Value("${laituri.search.rate-limit.burst:40}") long burst,
                 @Value("${laituri.search.rate-limit.max-clients:10000}") int maxClients,
                 @Value("${laituri.search.cors.allowed-origins:}") List<String> origins,
                 ClientAddress clients, MeterRegistry meters) {
        this.refusals = meters.counter("laituri.search.rate_limited");
        this.burst = burst;
        this.perToken = Duration.ofNanos(Math.round(1e9 / perSecond));
        this.origins = origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        this.clients = clients;
        // The least recently seen client is forgotten first; it starts again with a full bucket.
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> limit(HttpRequest<?> request) {
        ConsumptionProbe probe = bucketOf(clients.of(request)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        refusals.increment();
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        MutableHttpResponse<?> response = Problems.response(request, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many searches from this address; try again in " + seconds + " s.", List.of())
                .header("Retry-After", Long.toString(seconds));
        cors(request, response);
        return response;
    }

    private synchronized Bucket bucketOf(String client) {
        return buckets.computeIfAbsent(client, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, perToken))
                .build());
    }

    @ResponseFilter
    void cors(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null || origins.isEmpty()) {
            return;
        }
        if (origins.contains("*")) {
            response.header("Access-Control-Allow-Origin", "*");
        } else if (origins.contains(origin)) {
            response.header("Access-Control-Allow-Origin", origin);
            response.header("Vary", "Origin");
        }
    }
}
