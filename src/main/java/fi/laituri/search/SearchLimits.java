package fi.laituri.search;

import fi.laituri.web.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public search endpoints' limits. Each client (by remote address) has a token bucket of
 * {@code laituri.search.rate-limit.burst} searches refilled at {@code per-second}; an empty bucket gets
 * {@code 429} with {@code Retry-After}. Browsers on the origins of {@code laituri.search.cors.allowed-origins}
 * ({@code *} for any) may read the answers, for a static site served from another host.
 */
@ServerFilter({"/api/search", "/api/search/**", "/search"})
class SearchLimits {

    /** Buckets of clients idle this long are forgotten once there are many. */
    private static final long IDLE_NANOS = 600_000_000_000L;
    private static final int MAX_CLIENTS = 10_000;

    private final double perSecond;
    private final double burst;
    private final List<String> origins;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SearchLimits(@Value("${laituri.search.rate-limit.per-second:10}") double perSecond,
                 @Value("${laituri.search.rate-limit.burst:40}") double burst,
                 @Value("${laituri.search.cors.allowed-origins:}") List<String> origins) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.origins = origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> limit(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String client = remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.idleSince(now) > IDLE_NANOS);
        }
        double wait = buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(now, perSecond, burst);
        if (wait <= 0) {
            return null;
        }
        long seconds = (long) Math.ceil(wait);
        MutableHttpResponse<?> response = Problems.response(request, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many searches from this address; try again in " + seconds + " s.", List.of())
                .header("Retry-After", Long.toString(seconds));
        cors(request, response);
        return response;
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

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        /** Takes a token; returns 0 if there was one, else the seconds until there is. */
        synchronized double take(long now, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
