package fi.laituri.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due deliveries in three steps, so that no transaction, row lock or pooled connection is held
 * while a receiver takes its time: a short transaction leases a small batch of rows (locked with
 * {@code FOR UPDATE SKIP LOCKED} only to set {@code claimed_until}); the batch is sent in parallel
 * outside any transaction; a second short transaction records each answer and ends the lease. Several
 * instances never send one delivery at the same time. A crash between sending and recording leaves the
 * row pending with its lease, which runs out, and the delivery is sent again with the same
 * {@code X-Laituri-Delivery} id: delivery is at least once, and receivers drop repeats by that id.
 */
@Singleton
class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The client's own timeouts do not cover a name lookup that hangs; this bounds how long rows stay held. */
    private static final Duration DEADLINE = CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).plusSeconds(2);
    /** Twice the longest a send can take: a lease runs out only when its sender has died or stalled. */
    private static final Duration LEASE = DEADLINE.multipliedBy(2);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final int batchSize;
    private final MeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    Dispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, TransactionOperations<Connection> tx, Clock clock,
               MeterRegistry meters,
               @Value("${laituri.webhooks.max-attempts:10}") int maxAttempts,
               @Value("${laituri.webhooks.backoff-base:1s}") Duration backoffBase,
               @Value("${laituri.webhooks.backoff-max:1h}") Duration backoffMax,
               @Value("${laituri.webhooks.batch-size:10}") int batchSize) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.tx = tx;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.batchSize = batchSize;
        this.meters = meters;
    }

    /** Sends batches until nothing is due; returns how many attempts were made. */
    int deliverDue() {
        int total = 0;
        int sent;
        do {
            sent = deliverBatch();
            total += sent;
        } while (sent == batchSize);
        return total;
    }

    private int deliverBatch() {
        // DATETIME(6) keeps microseconds: the lease is compared with what the row holds when the answer is recorded.
        Instant lease = clock.instant().plus(LEASE).truncatedTo(ChronoUnit.MICROS);
        Leased leased = tx.executeWrite(s -> {
            List<WebhookDelivery> due = deliveries.lockDue(clock.instant(), batchSize);
            if (due.isEmpty()) {
                return new Leased(List.of(), Map.of());
            }
            deliveries.lease(due.stream().map(WebhookDelivery::id).toList(), lease);
            return new Leased(due, webhooks.findByIdIn(due.stream().map(WebhookDelivery::webhookId).distinct().toList())
                    .stream().collect(Collectors.toMap(Webhook::id, Function.identity())));
        });
        List<WebhookDelivery> due = leased.deliveries();
        if (due.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Outcome>> sending = due.stream().map(d -> send(d, leased.hooks().get(d.webhookId()))).toList();
        List<Outcome> outcomes = sending.stream().map(CompletableFuture::join).toList();
        tx.executeWrite(s -> {
            for (int i = 0; i < due.size(); i++) {
                WebhookDelivery d = record(due.get(i), outcomes.get(i));
                if (deliveries.recordAttempt(d.id(), lease, d.status(), d.attempts(), d.nextAttemptAt(), d.lastStatus(),
                        d.lastError(), d.deliveredAt()) == 0) {
                    LOG.warn("webhook {}: delivery {} ended {}, but its lease ran out first (another sender has it now)"
                            + " or its webhook is gone; that answer is not recorded", d.webhookId(), d.id(), d.status());
                }
            }
            return null;
        });
        return due.size();
    }

    /** Deliveries leased to this sender, with their webhooks. */
    private record Leased(List<WebhookDelivery> deliveries, Map<Long, Webhook> hooks) {
    }

    /** What the receiver answered: a status, or why there was none. */
    private record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private CompletableFuture<Outcome> send(WebhookDelivery delivery, Webhook hook) {
        HttpRequest request;
        try {
            request = request(delivery, hook);
        } catch (IllegalArgumentException e) {
            // A row that cannot be sent must not roll back its whole batch again at every tick.
            return CompletableFuture.completedFuture(new Outcome(null, describe(e)));
        }
        // Only the status matters: the body is not read, so a receiver cannot keep us waiting with it.
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        return new Outcome(null, describe(failure));
                    }
                    close(response.body());
                    return new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode());
                });
    }

    private static HttpRequest request(WebhookDelivery delivery, Webhook hook) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Laituri-Webhooks")
                .header("X-Laituri-Event", delivery.eventType())
                .header("X-Laituri-Delivery", String.valueOf(delivery.id()))
                .header("X-Laituri-Signature", "sha256=" + sign(body, hook.secret()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private WebhookDelivery record(WebhookDelivery delivery, Outcome outcome) {
        Instant now = clock.instant();
        if (outcome.delivered()) {
            meters.counter("laituri.webhook.deliveries", "result", "delivered").increment();
            return delivery.delivered(outcome.status(), now);
        }
        int attempts = delivery.attempts() + 1;
        meters.counter("laituri.webhook.deliveries", "result", attempts >= maxAttempts ? "gave_up"
                : outcome.status() == null ? "no_answer" : "refused").increment();
        if (attempts >= maxAttempts) {
            LOG.warn("webhook {}: gave up delivery {} of event {} after {} attempts: {}", delivery.webhookId(),
                    delivery.id(), delivery.eventId(), attempts, outcome.error());
            return delivery.attemptFailed(outcome.status(), outcome.error(), null);
        }
        return delivery.attemptFailed(outcome.status(), outcome.error(), now.plus(backoff(attempts)));
    }

    /** backoff-base × 2^attempts, at most backoff-max. */
    Duration backoff(int attempts) {
        Duration delay = backoffBase.multipliedBy(1L << Math.min(attempts, 20));
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }

    /** The hex HMAC-SHA256 of the body with the secret. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (java.io.IOException e) {
            LOG.debug("closing an unread webhook response failed", e);
        }
    }
}
