package fi.laituri.security;

import fi.laituri.web.ClientAddress;
import fi.laituri.web.Problems;
import io.github.bucket4j.Bucket;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slows down guessing. Per client (its address as {@link ClientAddress} finds it behind trusted proxies), failures
 * of two kinds fill a bucket each: a request with an {@code Authorization} header answered {@code 401} (a wrong,
 * revoked or expired token), a preview link answered {@code 404} (an unknown token), and a desk sign-in answered
 * {@code 401} (a wrong name or password). A client may fail
 * {@code laituri.security.throttle.burst} times, and then once every {@code 60 / per-minute} seconds; beyond that
 * its further requests of that kind get {@code 429} with {@code Retry-After}, before any token is looked at.
 * Requests that succeed cost nothing, and a client's other requests (the public site, search) are not affected.
 */
@ServerFilter("/**")
class FailureThrottle implements Ordered {

    private enum Kind {
        TOKEN(HttpStatus.UNAUTHORIZED, "Too many failed sign-ins from this address"),
        PREVIEW(HttpStatus.NOT_FOUND, "Too many unknown preview links from this address"),
        SIGN_IN(HttpStatus.UNAUTHORIZED, "Too many failed sign-ins from this address");

        final HttpStatus failure;
        final String detail;

        Kind(HttpStatus failure, String detail) {
            this.failure = failure;
            this.detail = detail;
        }
    }

    private final long burst;
    private final Duration perFailure;
    private final int maxClients;
    private final ClientAddress clients;
    private final Map<Kind, Map<String, Bucket>> buckets = new LinkedHashMap<>();

    FailureThrottle(@Value("${laituri.security.throttle.burst:20}") long burst,
                    @Value("${laituri.security.throttle.per-minute:10}") double perMinute,
                    @Value("${laituri.security.throttle.max-clients:10000}") int maxClients,
                    ClientAddress clients) {
        this.burst = burst;
        this.perFailure = Duration.ofNanos(Math.round(60e9 / perMinute));
        this.maxClients = maxClients;
        this.clients = clients;
        for (Kind kind : Kind.values()) {
            // The least recently seen client is forgotten first; it starts again with a full bucket.
            buckets.put(kind, new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > FailureThrottle.this.maxClients;
                }
            });
        }
    }

    /** Before the security filter: a client that has failed too often is not let near the token check. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> refuse(HttpRequest<?> request) {
        Kind kind = kind(request);
        if (kind == null) {
            return null;
        }
        Bucket bucket = bucket(kind, clients.of(request));
        if (bucket.getAvailableTokens() > 0) {
            return null;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return Problems.response(request, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                        kind.detail + "; try again in " + seconds + " s.", List.of())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    @ResponseFilter
    void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Kind kind = kind(request);
        if (kind != null && response.code() == kind.failure.getCode()) {
            bucket(kind, clients.of(request)).tryConsume(1);
        }
    }

    @Nullable
    private static Kind kind(HttpRequest<?> request) {
        if (request.getPath().startsWith("/preview/")) {
            return Kind.PREVIEW;
        }
        if (request.getPath().equals("/desk/sign-in") && request.getMethod() == io.micronaut.http.HttpMethod.POST) {
            return Kind.SIGN_IN;
        }
        return request.getHeaders().contains(HttpHeaders.AUTHORIZATION) ? Kind.TOKEN : null;
    }

    private Bucket bucket(Kind kind, String client) {
        Map<String, Bucket> of = buckets.get(kind);
        synchronized (of) {
            return of.computeIfAbsent(client, c -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(burst).refillGreedy(1, perFailure))
                    .build());
        }
    }
}
