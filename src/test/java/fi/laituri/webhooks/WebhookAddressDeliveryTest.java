package fi.laituri.webhooks;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static fi.laituri.webhooks.Receiver.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook addresses checked at delivery, after resolution: the names here resolve through the test's own table
 * (DNS is never asked), to loopback addresses only. 127.0.0.1 is the allow-listed internal receiver; 127.0.0.2 is
 * loopback like any other, and refused.
 */
@MicronautTest(transactional = false)
class WebhookAddressDeliveryTest extends ApiTest {

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();
    private static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

    private ApiClient admin;
    private ApiClient editor;
    private ApiClient publisher;
    private final List<Receiver> receivers = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.webhooks.interval", "50ms",
                "laituri.webhooks.allowed-addresses", "127.0.0.1",
                "laituri.webhooks.allow-http", "true");
    }

    @MockBean(HostResolver.class)
    HostResolver resolver() {
        return host -> {
            LOOKUPS.add(host);
            String address = NAMES.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    @BeforeAll
    void users() {
        admin = ApiClient.as(client, users, Role.ADMIN);
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(Receiver::close);
        receivers.clear();
    }

    @Test
    void registeringALoopbackAddressThatIsNotAllowListedIsA400NamingUrl() {
        ApiClient.Reply refused = admin.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.2:3306/"));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("url", refused.get("errors.0.field"));
        assertTrue(((String) refused.get("errors.0.message")).contains("loopback"), refused.text());
    }

    @Test
    void registeringTheMetadataAddressIsA400NamingUrl() {
        ApiClient.Reply refused = admin.post("/api/v1/webhooks", Map.of("url", "http://169.254.169.254/latest/meta-data/"));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("url", refused.get("errors.0.field"));
    }

    @Test
    void aNameThatResolvesToARefusedAddressAtDeliveryIsNeverContactedAndTheLogSaysOnlyWhy() throws Exception {
        Receiver inside = receiver(InetAddress.getByName("127.0.0.2"));
        NAMES.put("rebound.test", "127.0.0.2");
        long hook = webhook(inside.urlAt("rebound.test"));

        publishedDocument();

        eventually(() -> !deliveries(hook).isEmpty() && deliveries(hook).get(0).get("lastError") != null,
                () -> String.valueOf(deliveries(hook)));
        Map<String, Object> entry = deliveries(hook).get(0);
        String error = (String) entry.get("lastError");
        assertNull(entry.get("lastStatus"));
        assertTrue(error.contains("loopback"), error);
        assertFalse(error.contains("127.0.0.2") || error.contains("HTTP") || error.contains("Connect"), error);
        assertEquals(List.of(), inside.received());
    }

    @Test
    void aNameIsResolvedOnceAtDeliveryAndTheCheckedAddressIsTheOneConnectedTo() throws Exception {
        Receiver receiver = receiver(InetAddress.getByName("127.0.0.1"));
        String name = "receiver-" + UUID.randomUUID() + ".test";
        NAMES.put(name, "127.0.0.1");
        long hook = webhook(receiver.urlAt(name));

        publishedDocument();

        eventually(() -> !receiver.received().isEmpty(), () -> String.valueOf(deliveries(hook)));
        eventually(() -> "delivered".equals(deliveries(hook).get(0).get("status")), () -> String.valueOf(deliveries(hook)));
        // The system's resolver knows no such name: the request reached the receiver through the address checked.
        assertEquals(1, LOOKUPS.stream().filter(name::equals).count());
        assertTrue(receiver.received().get(0).header("Host").startsWith(name + ":"), receiver.received().get(0).header("Host"));
    }

    private Receiver receiver(InetAddress loopback) {
        Receiver receiver = Receiver.answeringOn(loopback);
        receivers.add(receiver);
        return receiver;
    }

    private long webhook(String url) {
        ApiClient.Reply created = admin.post("/api/v1/webhooks", Map.of("url", url));
        assertEquals(201, created.status(), created.text());
        return ((Number) created.get("id")).longValue();
    }

    private void publishedDocument() {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Tiedote " + UUID.randomUUID()))));
        assertEquals(201, created.status(), created.text());
        long id = ((Number) created.get("id")).longValue();
        for (Map.Entry<ApiClient, String> step : List.of(Map.entry(editor, "submit"), Map.entry(publisher, "approve"),
                Map.entry(publisher, "publish"))) {
            ApiClient.Reply reply = step.getKey().post("/api/v1/documents/" + id + "/variants/fi/transitions",
                    Map.of("action", step.getValue()));
            assertEquals(200, reply.status(), reply.text());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(long hook) {
        ApiClient.Reply page = admin.get("/api/v1/webhooks/" + hook + "/deliveries");
        assertEquals(200, page.status(), page.text());
        return (List<Map<String, Object>>) page.body().get("items");
    }
}
