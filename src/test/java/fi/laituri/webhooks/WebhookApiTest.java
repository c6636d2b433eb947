package fi.laituri.webhooks;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.PublicChanges;
import fi.laituri.events.Outbox;
import fi.laituri.security.Role;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API: registration, the secret, validation, who may use it, the delivery log. */
@MicronautTest(transactional = false)
class WebhookApiTest extends ApiTest {

    private static final String SECRET = "0123456789abcdef-secret";


    @Inject
    Outbox outbox;

    @Inject
    FanOut fanOut;

    @Inject
    Dispatcher dispatcher;

    @Inject
    TransactionOperations<Connection> tx;

    private ApiClient admin;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void users() {
        admin = ApiClient.as(client, users, Role.ADMIN);
    }

    @Test
    void registeringAWebhookAnswers201WithItsLocationAndTheSecret() {
        ApiClient.Reply created = admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks/laituri",
                "secret", SECRET, "events", List.of("variant.published")));

        assertEquals(201, created.status(), created.text());
        assertEquals("/api/v1/webhooks/" + created.get("id"), created.headers().get("Location"));
        assertEquals("https://example.org/hooks/laituri", created.get("url"));
        assertEquals(SECRET, created.get("secret"));
        assertEquals(List.of("variant.published"), created.get("events"));
        assertEquals(true, created.get("active"));
        assertTrue(((String) created.get("createdBy")).startsWith("admin-"));
    }

    @Test
    void withoutASecretALongRandomOneIsGeneratedAndShownOnce() {
        ApiClient.Reply first = admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/a"));
        ApiClient.Reply second = admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/b"));

        String secret = first.get("secret");
        assertTrue(secret.length() >= 40, secret);
        assertNotEquals(secret, second.get("secret"));
        assertFalse(admin.get("/api/v1/webhooks/" + first.get("id")).text().contains(secret));
    }

    @Test
    void theSecretIsInNoOtherResponse() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks", "secret", SECRET)));
        event();
        fanOut.run();

        List<ApiClient.Reply> replies = List.of(
                admin.get("/api/v1/webhooks"),
                admin.get("/api/v1/webhooks/" + id),
                admin.patch("/api/v1/webhooks/" + id, Map.of("active", false), null),
                admin.get("/api/v1/webhooks/" + id + "/deliveries"));

        for (ApiClient.Reply reply : replies) {
            assertEquals(200, reply.status(), reply.text());
            assertFalse(reply.text().contains(SECRET), reply.text());
            assertFalse(reply.text().contains("\"secret\""), reply.text());
        }
    }

    @Test
    void aSecretShorterThan16CharactersIsA400NamingSecret() {
        ApiClient.Reply refused = admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks", "secret", "too-short"));

        assertEquals(400, refused.status());
        assertEquals("secret", refused.get("errors.0.field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/hooks", "/api/hooks", "example.org/hooks", "javascript:alert(1)",
            "http://", "http:///hooks", "https://exa mple.org/", "mailto:webmaster@example.org", "file:///etc/passwd", " "})
    void aUrlThatIsNotAnAbsoluteHttpUrlIsA400NamingUrl(String url) {
        ApiClient.Reply refused = admin.post("/api/v1/webhooks", Map.of("url", url));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("url", refused.get("errors.0.field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:hunter2@example.org/hooks", "https://hunter2@example.org/hooks",
            "http://hunter2:x@127.0.0.1:8080/"})
    void aUrlWithCredentialsIsA400NamingUrl(String url) {
        ApiClient.Reply refused = admin.post("/api/v1/webhooks", Map.of("url", url));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("url", refused.get("errors.0.field"));
        assertFalse(refused.text().contains("hunter2"), "the answer repeats the credentials: " + refused.text());
    }

    @Test
    void anUnknownEventTypeIsA400NamingTheEntry() {
        ApiClient.Reply refused = admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks",
                "events", List.of("variant.published", "document.deleted")));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("events[1]", refused.get("errors.0.field"));
    }

    @Test
    void aPatchChangesOnlyWhatItGives() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/old", "events", List.of("variant.published"))));

        ApiClient.Reply deactivated = admin.patch("/api/v1/webhooks/" + id, Map.of("active", false), null);
        ApiClient.Reply moved = admin.patch("/api/v1/webhooks/" + id,
                Map.of("url", "https://example.org/new", "events", List.of()), null);

        assertEquals(200, deactivated.status(), deactivated.text());
        assertEquals(false, deactivated.get("active"));
        assertEquals("https://example.org/old", deactivated.get("url"));
        assertEquals(List.of("variant.published"), deactivated.get("events"));
        assertEquals("https://example.org/new", moved.get("url"));
        assertEquals(List.of(), moved.get("events"));
        assertEquals(false, moved.get("active"));
    }

    @Test
    void aPatchWithABadUrlIsA400NamingUrlAndChangesNothing() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks")));

        ApiClient.Reply refused = admin.patch("/api/v1/webhooks/" + id, Map.of("url", "https://me:pw@example.org/", "active", false), null);

        assertEquals(400, refused.status(), refused.text());
        assertEquals("url", refused.get("errors.0.field"));
        ApiClient.Reply unchanged = admin.get("/api/v1/webhooks/" + id);
        assertEquals("https://example.org/hooks", unchanged.get("url"));
        assertEquals(true, unchanged.get("active"));
    }

    @Test
    void theListShowsEveryWebhook() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/listed")));

        ApiClient.Reply list = admin.get("/api/v1/webhooks");

        assertEquals(200, list.status());
        assertTrue(list.list().stream().anyMatch(w -> ((Number) ((Map<?, ?>) w).get("id")).longValue() == id), list.text());
    }

    @Test
    void aRemovedWebhookIsGoneWithItsDeliveryLog() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks")));
        event();
        fanOut.run();

        assertEquals(204, admin.delete("/api/v1/webhooks/" + id, null).status());

        assertEquals(404, admin.get("/api/v1/webhooks/" + id).status());
        assertEquals(404, admin.get("/api/v1/webhooks/" + id + "/deliveries").status());
    }

    @Test
    void anUnknownWebhookIsA404Problem() {
        for (ApiClient.Reply reply : List.of(admin.get("/api/v1/webhooks/999999"),
                admin.patch("/api/v1/webhooks/999999", Map.of("active", true), null),
                admin.delete("/api/v1/webhooks/999999", null),
                admin.get("/api/v1/webhooks/999999/deliveries"))) {
            assertEquals(404, reply.status(), reply.text());
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"EDITOR", "TRANSLATOR", "PUBLISHER"})
    void onlyAdminsMayUseTheWebhookApi(Role role) {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks")));
        ApiClient other = ApiClient.as(client, users, role);

        for (ApiClient.Reply reply : everyEndpoint(other, id)) {
            assertEquals(403, reply.status(), reply.text());
            String reason = reply.get("detail");
            assertTrue(reason.contains(role.code()) && reason.endsWith("may not manage webhooks"), reason);
        }
        assertEquals(true, admin.get("/api/v1/webhooks/" + id).get("active"));
    }

    @Test
    void anonymousRequestsAre401() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks")));

        for (ApiClient.Reply reply : everyEndpoint(new ApiClient(client, null), id)) {
            assertEquals(401, reply.status(), reply.text());
        }
    }

    @Test
    void theDeliveryLogIsNewestFirstAndFiltersByStatus() {
        try (Receiver receiver = Receiver.answering(200)) {
            long id = id(admin.post("/api/v1/webhooks", Map.of("url", receiver.url())));
            event();
            event();
            fanOut.run();
            dispatcher.deliverDue();
            event();
            fanOut.run();

            ApiClient.Reply all = admin.get("/api/v1/webhooks/" + id + "/deliveries");
            ApiClient.Reply delivered = admin.get("/api/v1/webhooks/" + id + "/deliveries?status=delivered");
            ApiClient.Reply pending = admin.get("/api/v1/webhooks/" + id + "/deliveries?status=pending");
            ApiClient.Reply secondPage = admin.get("/api/v1/webhooks/" + id + "/deliveries?page=2&size=2");

            assertEquals(3, ((Number) all.get("total")).intValue());
            List<Long> ids = items(all).stream().map(d -> ((Number) d.get("id")).longValue()).toList();
            assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids, "newest first");
            assertEquals(List.of("pending", "delivered", "delivered"), items(all).stream().map(d -> d.get("status")).toList());
            assertEquals(2, ((Number) delivered.get("total")).intValue());
            assertEquals(1, ((Number) pending.get("total")).intValue());
            assertEquals(List.of(ids.get(2)), items(secondPage).stream().map(d -> ((Number) d.get("id")).longValue()).toList());
            Map<String, Object> done = items(delivered).get(0);
            assertEquals(1, ((Number) done.get("attempts")).intValue());
            assertEquals(200, ((Number) done.get("lastStatus")).intValue());
            assertEquals("variant.published", done.get("eventType"));
            assertNull(done.get("nextAttemptAt"));
        }
    }

    @Test
    void anUnknownStatusInTheLogQueryIsA400NamingStatus() {
        long id = id(admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks")));

        ApiClient.Reply refused = admin.get("/api/v1/webhooks/" + id + "/deliveries?status=lost");

        assertEquals(400, refused.status(), refused.text());
        assertEquals("status", refused.get("errors.0.field"));
    }

    private List<ApiClient.Reply> everyEndpoint(ApiClient as, long id) {
        String one = "/api/v1/webhooks/" + id;
        return List.of(
                as.post("/api/v1/webhooks", Map.of("url", "https://example.org/other")),
                as.get("/api/v1/webhooks"),
                as.get(one),
                as.patch(one, Map.of("active", false), null),
                as.send(HttpMethod.DELETE, one, null, null),
                as.get(one + "/deliveries"));
    }

    private void event() {
        tx.executeWrite(s -> {
            outbox.append(PublicChanges.PUBLISHED, 1, "fi", 1, Map.of("documentId", 1));
            return null;
        });
    }

    private static long id(ApiClient.Reply created) {
        assertEquals(201, created.status(), created.text());
        return ((Number) created.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ApiClient.Reply page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
