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
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Slows down guessing. Per client (its address as {@link ClientAddress} finds it behind trusted proxies), failures
 * of two kinds fill a bucket each: a request with an {@code Authorization} header answered {@code 401} (a wrong,
 * revoked or expired token), a preview link answered {@code 404} (an unknown token), and a desk sign-in answered
 * {@code 401} (a wrong name or password). A client may fail
 * {@code laituri.security.throttle.burst} times, and then once every {@code 60 / per-minute} seconds; beyond that
 * its further requests of that kind get {@code 429} with {@code Retry-After}, before any token is looked at.
 * Requests that succeed cost nothing, and a client's other requests (the public site, search) are not affected.
 *
 * <p>Each instance keeps a bucket per client, and with a database each failure is also drawn from the client's bucket
 * there, which every instance on that database shares ({@link SharedFailures}): when it is empty, the instance that
 * drew last refuses the client until it has refilled, and another instance learns it at the client's next failure
 * there. So {@code burst} holds across instances (give or take one failure per further instance), while after it each
 * instance may let one failure through per refilled token.
 */
@ServerFilter("/**")
class FailureThrottle implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(FailureThrottle.class);

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
    @Nullable
    private final SharedFailures shared;
    private final Clock clock;
    private final ExecutorService blocking;
    private final Map<Kind, Map<String, Failures>> buckets = new LinkedHashMap<>();

    /** A client's failures of one kind as this instance knows them: its own bucket, and the shared one's verdict. */
    private static final class Failures {
        final Bucket bucket;
        /** Until when the shared bucket refuses the client, as last drawn from here; null if it did not. */
        volatile Instant sharedRefusesUntil;

        Failures(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    FailureThrottle(@Value("${laituri.security.throttle.burst:20}") long burst,
                    @Value("${laituri.security.throttle.per-minute:10}") double perMinute,
                    @Value("${laituri.security.throttle.max-clients:10000}") int maxClients,
                    ClientAddress clients, @Nullable SharedFailures shared, Clock clock,
                    @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.burst = burst;
        this.perFailure = Duration.ofNanos(Math.round(60e9 / perMinute));
        this.maxClients = maxClients;
        this.clients = clients;
        this.shared = shared;
        this.clock = clock;
        this.blocking = blocking;
        for (Kind kind : Kind.values()) {
            // The least recently seen client is forgotten first; it starts again with a full bucket.
            buckets.put(kind, new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
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
        Failures failures = failures(kind, clients.of(request));
        long nanos = failures.bucket.getAvailableTokens() > 0 ? 0 : failures.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        Instant sharedUntil = failures.sharedRefusesUntil;
        if (sharedUntil != null) {
            nanos = Math.max(nanos, Duration.between(clock.instant(), sharedUntil).toNanos());
        }
        if (nanos <= 0) {
            return null;
        }
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return Problems.response(request, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                        kind.detail + "; try again in " + seconds + " s.", List.of())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    /**
     * Counts a failure in this instance's bucket and, on a worker thread, in the shared one; the failure's response
     * goes out once both are counted, so that the client's next request finds them. Other responses pass at once.
     */
    @ResponseFilter
    CompletableFuture<MutableHttpResponse<?>> count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Kind kind = kind(request);
        if (kind == null || response.code() != kind.failure.getCode()) {
            return CompletableFuture.completedFuture(response);
        }
        String client = clients.of(request);
        Failures failures = failures(kind, client);
        failures.bucket.tryConsume(1);
        if (shared == null) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                failures.sharedRefusesUntil = shared.failed(kind.name().toLowerCase(Locale.ROOT), client).orElse(null);
            } catch (RuntimeException e) {
                // The database is away: this instance's own bucket still counts.
                LOG.debug("a failed authentication could not be counted in the database: {}", e.getMessage());
            }
            return response;
        }, blocking);
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

    private Failures failures(Kind kind, String client) {
        Map<String, Failures> of = buckets.get(kind);
        synchronized (of) {
            return of.computeIfAbsent(client, c -> new Failures(Bucket.builder()
                    .addLimit(limit -> limit.capacity(burst).refillGreedy(1, perFailure))
                    .build()));
        }
    }
}
