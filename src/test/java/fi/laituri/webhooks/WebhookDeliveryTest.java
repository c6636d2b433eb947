package fi.laituri.webhooks;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static fi.laituri.webhooks.Receiver.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deliveries as the running application makes them: the job ticks, real receivers answer on loopback. */
@MicronautTest(transactional = false)
class WebhookDeliveryTest extends ApiTest {

    private static final int MAX_ATTEMPTS = 4;


    @Inject
    JsonMapper json;

    private ApiClient admin;
    private ApiClient editor;
    private ApiClient publisher;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Long> webhooks = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "laituri.webhooks.interval", "50ms",
                "laituri.webhooks.backoff-base", "10ms",
                "laituri.webhooks.backoff-max", "100ms",
                "laituri.webhooks.max-attempts", String.valueOf(MAX_ATTEMPTS));
    }

    @BeforeAll
    void users() {
        admin = ApiClient.as(client, users, Role.ADMIN);
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
    }

    @AfterEach
    void removeWebhooksAndReceivers() {
        webhooks.forEach(id -> admin.delete("/api/v1/webhooks/" + id, null));
        webhooks.clear();
        receivers.forEach(Receiver::close);
        receivers.clear();
    }

    @Test
    void aPublishReachesTheReceiverOnceWithTheEventHeaders() {
        Receiver receiver = receiver(200);
        long hook = webhook(receiver.url(), null, null);

        long doc = publishedDocument();

        List<Receiver.Request> got = waitForDelivered(hook, receiver, doc, "variant.published");
        // Delivered is final: the job sends this delivery no more, and no other exists for the event.
        assertEquals(1, deliveries(hook, null).size(), "one publish, one delivery");
        assertEquals(1, got.size(), "one publish, one request");
        Receiver.Request request = got.get(0);
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertEquals(1, ((Number) entry.get("attempts")).intValue());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("variant.published", request.header("X-Laituri-Event"));
        assertEquals(String.valueOf(entry.get("id")), request.header("X-Laituri-Delivery"));
        assertTrue(request.header("X-Laituri-Signature").matches("sha256=[0-9a-f]{64}"), request.header("X-Laituri-Signature"));
        Map<String, Object> body = body(request);
        assertEquals(((Number) entry.get("eventId")).longValue(), ((Number) body.get("id")).longValue());
        assertEquals("variant.published", body.get("type"));
        assertEquals("fi", body.get("language"));
        assertEquals(1, ((Number) body.get("revision")).intValue());
        assertNotNull(body.get("createdAt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) body.get("payload");
        assertEquals(doc, ((Number) payload.get("documentId")).longValue());
        assertEquals("article", payload.get("kind"));
    }

    @Test
    void theSignatureIsTheHmacSha256OfTheBodyWithTheSecret() {
        Receiver receiver = receiver(200);
        String secret = "a-shared-secret-of-32-characters";
        long hook = webhook(receiver.url(), secret, null);

        long doc = publishedDocument();

        Receiver.Request request = waitForDelivered(hook, receiver, doc, "variant.published").get(0);
        assertEquals("sha256=" + hmac(secret, request.body()), request.header("X-Laituri-Signature"));
        assertNotEquals("sha256=" + hmac(secret + "x", request.body()), request.header("X-Laituri-Signature"));
    }

    @Test
    void aGeneratedSecretSignsTheDeliveries() {
        Receiver receiver = receiver(200);
        ApiClient.Reply created = admin.post("/api/v1/webhooks", Map.of("url", receiver.url()));
        assertEquals(201, created.status(), created.text());
        long hook = ((Number) created.get("id")).longValue();
        webhooks.add(hook);
        String secret = created.get("secret");

        long doc = publishedDocument();

        Receiver.Request request = waitForDelivered(hook, receiver, doc, "variant.published").get(0);
        assertEquals("sha256=" + hmac(secret, request.body()), request.header("X-Laituri-Signature"));
    }

    @Test
    void aReceiverThatFailsTwiceGetsThreeAttemptsAndTheLogShowsThem() {
        Receiver receiver = receiver(500, 500, 200);
        long hook = webhook(receiver.url(), null, null);

        long doc = publishedDocument();

        List<Receiver.Request> got = waitForDelivered(hook, receiver, doc, "variant.published");
        assertEquals(3, got.size());
        assertEquals(1, got.stream().map(r -> r.header("X-Laituri-Delivery")).distinct().count(), "one delivery, three attempts");
        assertEquals(1, got.stream().map(Receiver.Request::text).distinct().count(), "every attempt sends the same body");
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertEquals("delivered", entry.get("status"));
        assertEquals(3, ((Number) entry.get("attempts")).intValue());
        assertEquals(200, ((Number) entry.get("lastStatus")).intValue());
        assertNotNull(entry.get("deliveredAt"));
    }

    @Test
    void aReceiverThatAlwaysFailsEndsAsFailedAfterMaxAttempts() {
        Receiver receiver = receiver(500);
        long hook = webhook(receiver.url(), null, null);

        long doc = publishedDocument();

        eventually(() -> !deliveries(hook, "failed").isEmpty(), () -> String.valueOf(deliveries(hook, null)));
        // Failed is final: the job sends it no more, so the receiver has had every attempt there will be.
        assertEquals(MAX_ATTEMPTS, of(receiver.received(), doc).size());
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertEquals("failed", entry.get("status"));
        assertEquals(MAX_ATTEMPTS, ((Number) entry.get("attempts")).intValue());
        assertEquals(500, ((Number) entry.get("lastStatus")).intValue());
        assertEquals("HTTP 500", entry.get("lastError"));
        assertNull(entry.get("nextAttemptAt"));
        assertNull(entry.get("deliveredAt"));
    }

    /**
     * Each answer is recorded as it comes, not when the whole batch has answered: a sender killed while one
     * receiver takes its time sends again only what was still in flight (fewer duplicates after a kill -9).
     */
    @Test
    void anAnswerIsRecordedAtOnceWhileAnotherDeliveryOfItsBatchIsStillWaiting() {
        CountDownLatch answer = new CountDownLatch(1);
        Receiver slow = Receiver.answeringWhenOpened(answer);
        receivers.add(slow);
        Receiver fast = receiver(200);
        long slowHook = webhook(slow.url(), null, null);
        long fastHook = webhook(fast.url(), null, null);
        try {
            publishedDocument();

            eventually(() -> !slow.received().isEmpty(), () -> String.valueOf(deliveries(slowHook, null)));
            eventually(() -> !deliveries(fastHook, "delivered").isEmpty(), () -> String.valueOf(deliveries(fastHook, null)));
            assertEquals("pending", deliveries(slowHook, null).get(0).get("status"));
        } finally {
            answer.countDown();
        }
        eventually(() -> !deliveries(slowHook, "delivered").isEmpty(), () -> String.valueOf(deliveries(slowHook, null)));
    }

    @Test
    void aReceiverThatCannotBeReachedHasTheErrorInTheLog() {
        Receiver receiver = receiver(200);
        String url = receiver.url();
        receiver.close();
        long hook = webhook(url, null, null);

        publishedDocument();

        eventually(() -> !deliveries(hook, null).isEmpty() && deliveries(hook, null).get(0).get("lastError") != null,
                () -> String.valueOf(deliveries(hook, null)));
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertNull(entry.get("lastStatus"));
        assertTrue(((String) entry.get("lastError")).contains("ConnectException"), (String) entry.get("lastError"));
    }

    @Test
    void aRedirectIsNotFollowed() {
        Receiver target = receiver(200);
        Receiver redirecting = Receiver.redirectingTo(target.url());
        receivers.add(redirecting);
        long hook = webhook(redirecting.url(), null, null);

        long doc = publishedDocument();

        eventually(() -> !deliveries(hook, "failed").isEmpty(), () -> String.valueOf(deliveries(hook, null)));
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertEquals(307, ((Number) entry.get("lastStatus")).intValue());
        assertEquals(MAX_ATTEMPTS, of(redirecting.received(), doc).size());
        assertEquals(List.of(), target.received());
    }

    @Test
    void aWebhookWithAnEventFilterReceivesOnlyThoseTypes() {
        Receiver filtered = receiver(200);
        Receiver everything = receiver(200);
        long onlyUnpublished = webhook(filtered.url(), null, List.of("variant.unpublished"));
        long all = webhook(everything.url(), null, null);

        long doc = publishedDocument();
        transition(publisher, doc, "unpublish");

        // Both events delivered to the webhook without a filter: both have been fanned out to every webhook.
        waitForDelivered(all, everything, doc, "variant.published");
        waitForDelivered(all, everything, doc, "variant.unpublished");
        waitForDelivered(onlyUnpublished, filtered, doc, "variant.unpublished");
        assertEquals(List.of("variant.unpublished"), types(of(filtered.received(), doc)));
        assertEquals(List.of("variant.published", "variant.unpublished"), types(of(everything.received(), doc)).stream().sorted().toList());
        assertEquals(1, deliveries(onlyUnpublished, null).size());
    }

    @Test
    void anInactiveWebhookReceivesNothing() {
        Receiver receiver = receiver(200);
        long hook = webhook(receiver.url(), null, null);
        assertEquals(200, admin.patch("/api/v1/webhooks/" + hook, Map.of("active", false), null).status());

        long doc = publishedDocument();

        Receiver watcher = receiver(200);
        long control = webhook(watcher.url(), null, null);
        transition(publisher, doc, "unpublish");
        waitForDelivered(control, watcher, doc, "variant.unpublished");
        assertEquals(List.of(), receiver.received());
        assertEquals(List.of(), deliveries(hook, null));
    }

    private Receiver receiver(int... statuses) {
        Receiver receiver = Receiver.answering(statuses);
        receivers.add(receiver);
        return receiver;
    }

    private long webhook(String url, String secret, List<String> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        if (secret != null) {
            body.put("secret", secret);
        }
        if (events != null) {
            body.put("events", events);
        }
        ApiClient.Reply created = admin.post("/api/v1/webhooks", body);
        assertEquals(201, created.status(), created.text());
        long id = ((Number) created.get("id")).longValue();
        webhooks.add(id);
        return id;
    }

    /** A new article's Finnish version, written by the editor, approved and published by the publisher. */
    private long publishedDocument() {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Tiedote " + UUID.randomUUID()))));
        assertEquals(201, created.status(), created.text());
        long id = ((Number) created.get("id")).longValue();
        transition(editor, id, "submit");
        transition(publisher, id, "approve");
        transition(publisher, id, "publish");
        return id;
    }

    private static void transition(ApiClient as, long document, String action) {
        ApiClient.Reply reply = as.post("/api/v1/documents/" + document + "/variants/fi/transitions", Map.of("action", action));
        assertEquals(200, reply.status(), action + ": " + reply.text());
    }

    /** Waits until the log shows the event of this type delivered; returns every request the receiver got for the document. */
    private List<Receiver.Request> waitForDelivered(long hook, Receiver receiver, long doc, String type) {
        eventually(() -> deliveries(hook, "delivered").stream().anyMatch(d -> type.equals(d.get("eventType"))),
                () -> String.valueOf(deliveries(hook, null)));
        return of(receiver.received(), doc);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(long hook, String status) {
        ApiClient.Reply page = admin.get("/api/v1/webhooks/" + hook + "/deliveries" + (status == null ? "" : "?status=" + status));
        assertEquals(200, page.status(), page.text());
        return (List<Map<String, Object>>) page.body().get("items");
    }

    /** The requests about the document. */
    @SuppressWarnings("unchecked")
    private List<Receiver.Request> of(List<Receiver.Request> requests, long doc) {
        return requests.stream()
                .filter(r -> ((Number) ((Map<String, Object>) body(r).get("payload")).get("documentId")).longValue() == doc)
                .toList();
    }

    private List<String> types(List<Receiver.Request> requests) {
        return requests.stream().map(r -> (String) body(r).get("type")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(Receiver.Request request) {
        try {
            return json.readValue(request.body(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + request.text(), e);
        }
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
