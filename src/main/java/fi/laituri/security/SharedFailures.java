package fi.laituri.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The failed-authentication buckets of {@link FailureThrottle}, kept in the database so that every instance on it
 * draws from the same one: a client that spreads its guesses over several instances behind a load balancer gets the
 * same {@code burst} in all as in one.
 */
// Not on a search node, which has no database.
@Requires(beans = DataSource.class)
@Singleton
class SharedFailures {

    private final AuthFailureRepository buckets;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final double burst;
    private final Duration perToken;

    SharedFailures(AuthFailureRepository buckets, TransactionOperations<Connection> tx, Clock clock,
                   @Value("${laituri.security.throttle.burst:20}") long burst,
                   @Value("${laituri.security.throttle.per-minute:10}") double perMinute) {
        this.buckets = buckets;
        this.tx = tx;
        this.clock = clock;
        this.burst = burst;
        this.perToken = Duration.ofNanos(Math.round(60e9 / perMinute));
    }

    /**
     * Counts a failure of {@code kind} by {@code client}; when the shared bucket is empty, says until when the client
     * is to be refused.
     */
    Optional<Instant> failed(String kind, String client) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String key = kind + ":" + client;
        AuthFailure bucket = tx.executeWrite(s -> {
            buckets.draw(key, burst, perToken.toNanos() / 1000.0, now);
            return buckets.find(key).orElseThrow();
        });
        // A bucket is full again once it has not been drawn from for burst × perToken.
        buckets.forgetBefore(now.minus(perToken.multipliedBy((long) Math.ceil(burst))));
        if (bucket.tokens() >= 1) {
            return Optional.empty();
        }
        return Optional.of(bucket.updatedAt().plusNanos(Math.round((1 - bucket.tokens()) * perToken.toNanos())));
    }
}
