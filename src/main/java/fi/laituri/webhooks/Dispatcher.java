package fi.laituri.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due deliveries in three steps, so that no transaction, row lock or pooled connection is held
 * while a receiver takes its time: a short transaction leases a small batch of rows (locked with
 * {@code FOR UPDATE SKIP LOCKED} only to set {@code claimed_until}); the batch is sent in parallel
 * outside any transaction; as soon as a receiver has answered, a short transaction of its own records
 * that answer and ends the lease. Several instances never send one delivery at the same time. A crash
 * between sending and recording leaves the row pending with its lease, which runs out, and the delivery
 * is sent again with the same {@code X-Laituri-Delivery} id: delivery is at least once, and receivers drop
 * repeats by that id; recording each answer at once keeps that window to the deliveries in flight.
 *
 * <p>Each send resolves the receiver's host and checks the addresses ({@link ReceiverAddresses}), then
 * connects to the checked address itself, so a name that resolves elsewhere a moment later (DNS
 * rebinding) changes nothing; TLS still verifies the certificate against the URL's host name, and trusts the
 * authorities of the Java runtime and of {@code laituri.webhooks.trust-store} ({@link ReceiverTrust}). A refused
 * address is never contacted, and the log says only why it was refused.
 */
@Singleton
class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A send still going then is cancelled, whatever a receiver trickles; the name lookup before it is bounded by
     * the system resolver's own timeouts, well within the lease.
     */
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
    private final ReceiverAddresses addresses;
    private final ExecutorService senders;
    /** Cancels a send that is still going at its deadline (a receiver that trickles its answer). */
    private final ScheduledExecutorService deadlines;
    private final CloseableHttpClient http;
    private final MeterRegistry meters;

    Dispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, TransactionOperations<Connection> tx, Clock clock,
               ReceiverAddresses addresses, MeterRegistry meters,
               @Value("${laituri.webhooks.max-attempts:10}") int maxAttempts,
               @Value("${laituri.webhooks.backoff-base:1s}") Duration backoffBase,
               @Value("${laituri.webhooks.backoff-max:1h}") Duration backoffMax,
               @Value("${laituri.webhooks.batch-size:10}") int batchSize, ReceiverTrust trust) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.tx = tx;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.batchSize = batchSize;
        this.meters = meters;
        this.addresses = addresses;
        this.senders = Executors.newFixedThreadPool(batchSize, daemon("laituri-webhook-send"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("laituri-webhook-deadline"));
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create();
        trust.context().ifPresent(tls -> connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls)));
        this.http = HttpClients.custom()
                .setConnectionManager(connections
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .setSocketTimeout(Timeout.of(REQUEST_TIMEOUT))
                                .build())
                        // Every send names the checked address to connect to; should the client ever look a
                        // name up itself, it finds nothing rather than an unchecked address.
                        .setDnsResolver(new org.apache.hc.client5.http.DnsResolver() {
                            @Override
                            public InetAddress[] resolve(String host) throws UnknownHostException {
                                throw new UnknownHostException(host + " (not resolved by the HTTP client)");
                            }

                            @Override
                            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                                throw new UnknownHostException(host);
                            }
                        })
                        .setMaxConnTotal(batchSize)
                        .setMaxConnPerRoute(batchSize)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(REQUEST_TIMEOUT)).build())
                // A connection is never reused: the next send to the host resolves and checks it afresh.
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Laituri-Webhooks")
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        senders.shutdownNow();
        deadlines.shutdownNow();
        http.close();
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
        CompletableFuture.allOf(due.stream()
                .map(d -> CompletableFuture.runAsync(() -> sendAndRecord(d, leased.hooks().get(d.webhookId()), lease), senders))
                .toArray(CompletableFuture[]::new)).join();
        return due.size();
    }

    /** Sends one delivery and records the answer in a short transaction of its own, at once. */
    private void sendAndRecord(WebhookDelivery delivery, Webhook hook, Instant lease) {
        WebhookDelivery d = record(delivery, send(delivery, hook));
        tx.executeWrite(s -> {
            if (deliveries.recordAttempt(d.id(), lease, d.status(), d.attempts(), d.nextAttemptAt(), d.lastStatus(),
                    d.lastError(), d.deliveredAt()) == 0) {
                LOG.warn("webhook {}: delivery {} ended {}, but its lease ran out first (another sender has it now)"
                        + " or its webhook is gone; that answer is not recorded", d.webhookId(), d.id(), d.status());
            }
            return null;
        });
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

    private Outcome send(WebhookDelivery delivery, Webhook hook) {
        URI uri;
        InetAddress address;
        try {
            uri = URI.create(hook.url());
            address = addresses.resolve(uri);
        } catch (ReceiverAddresses.Refused e) {
            return new Outcome(null, e.getMessage());
        } catch (UnknownHostException e) {
            return new Outcome(null, "UnknownHostException: " + e.getMessage());
        } catch (RuntimeException e) {
            // A row that cannot be sent must not keep its batch from being recorded.
            return new Outcome(null, describe(e));
        }
        HttpPost post = request(delivery, hook, uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        HttpHost target = new HttpHost(scheme, address, uri.getHost(), port);
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = http.executeOpen(target, post, null);
            int status = response.getCode();
            // Only the status matters: the body is not read, so a receiver cannot keep us waiting with it.
            post.cancel();
            closeQuietly(response);
            return new Outcome(status, status / 100 == 2 ? null : "HTTP " + status);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, post.isCancelled() ? "no answer within " + DEADLINE.toSeconds() + " s" : describe(e));
        } finally {
            deadline.cancel(false);
        }
    }

    private static HttpPost request(WebhookDelivery delivery, Webhook hook, URI uri) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(uri);
        post.setHeader("Connection", "close");
        post.setHeader("X-Laituri-Event", delivery.eventType());
        post.setHeader("X-Laituri-Delivery", String.valueOf(delivery.id()));
        post.setHeader("X-Laituri-Signature", "sha256=" + sign(body, hook.secret()));
        post.setEntity(new ByteArrayEntity(body, ContentType.create("application/json")));
        return post;
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

    private static String describe(Throwable cause) {
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            LOG.debug("closing an unread webhook response failed", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
