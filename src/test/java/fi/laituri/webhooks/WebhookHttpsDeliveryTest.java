package fi.laituri.webhooks;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.TestDatabase;
import fi.laituri.security.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fi.laituri.webhooks.Receiver.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries over https to receivers on loopback with self-signed certificates made by {@code keytool} for this run:
 * one certificate is in the key store {@code laituri.webhooks.trust-store} names, the other is not.
 */
@MicronautTest(transactional = false)
class WebhookHttpsDeliveryTest extends ApiTest {

    private static final String PASSWORD = "receiver-store";
    private static final String SECRET = "a-shared-secret-of-32-characters";

    @Inject
    JsonMapper json;

    private Path certificates;
    private ApiClient admin;
    private ApiClient editor;
    private ApiClient publisher;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Long> webhooks = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        try {
            certificates = Files.createTempDirectory("laituri-webhook-tls-");
            selfSigned("trusted");
            selfSigned("untrusted");
            Path trustStore = certificates.resolve("trust-store.p12");
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("receiver", keyStore("trusted").getCertificate("receiver"));
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
            return Map.of("laituri.webhooks.interval", "50ms",
                    "laituri.webhooks.backoff-base", "10ms",
                    "laituri.webhooks.backoff-max", "100ms",
                    "laituri.webhooks.max-attempts", "3",
                    "laituri.webhooks.trust-store", trustStore.toString(),
                    "laituri.webhooks.trust-store-password", PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("could not make the test's certificates", e);
        }
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

    @AfterAll
    void removeCertificates() throws IOException {
        fi.laituri.FileTrees.delete(certificates);
    }

    @Test
    void aReceiverWithATrustedCertificateGetsTheSignedDeliveryOnceOverHttps() {
        Receiver receiver = receiver("trusted");
        assertTrue(receiver.url().startsWith("https://127.0.0.1:"), receiver.url());
        long hook = webhook(receiver.url());

        long doc = publishedDocument();

        eventually(() -> !deliveries(hook, "delivered").isEmpty(), () -> String.valueOf(deliveries(hook, null)));
        List<Receiver.Request> got = receiver.received().stream().filter(r -> documentOf(r) == doc).toList();
        assertEquals(1, got.size(), "one publish, one request");
        Receiver.Request request = got.get(0);
        assertEquals("sha256=" + hmac(request.body()), request.header("X-Laituri-Signature"));
        assertEquals("variant.published", request.header("X-Laituri-Event"));
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertEquals(1, deliveries(hook, null).size());
        assertEquals(1, ((Number) entry.get("attempts")).intValue());
        assertEquals(200, ((Number) entry.get("lastStatus")).intValue());
        assertEquals(String.valueOf(entry.get("id")), request.header("X-Laituri-Delivery"));
    }

    @Test
    void aReceiverWhoseCertificateIsNotTrustedIsAFailedDeliveryInTheLog() {
        Receiver receiver = receiver("untrusted");
        long hook = webhook(receiver.url());

        publishedDocument();

        eventually(() -> !deliveries(hook, "failed").isEmpty(), () -> String.valueOf(deliveries(hook, null)));
        Map<String, Object> entry = deliveries(hook, null).get(0);
        assertEquals(3, ((Number) entry.get("attempts")).intValue(), "tried as often as any failure");
        assertNull(entry.get("lastStatus"));
        String error = (String) entry.get("lastError");
        assertTrue(error.contains("SSLHandshakeException") && error.contains("certification path"), error);
        assertEquals(List.of(), receiver.received(), "nothing was sent to a receiver that could not prove who it is");
        assertEquals(200, admin.get("/api/v1/webhooks/" + hook).status(), "the service goes on");
    }

    @Test
    void aTrustStoreThatCannotBeReadStopsTheStartAndSaysWhy() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.freshDatabase());
        properties.put("micronaut.server.port", -1);
        properties.put("laituri.webhooks.trust-store", certificates.resolve("missing.p12").toString());
        try {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> ApplicationContext.run(EmbeddedServer.class, properties).close());
            String reasons = Stream.iterate((Throwable) refused, t -> t != null, Throwable::getCause)
                    .map(Throwable::getMessage).filter(Objects::nonNull).collect(Collectors.joining(" / "));
            assertTrue(reasons.contains("laituri.webhooks.trust-store " + certificates.resolve("missing.p12")), reasons);
        } finally {
            TestDatabase.drop(TestDatabase.nameIn(String.valueOf(properties.get("datasources.default.url"))));
        }
    }

    /** A key store {@code <name>.p12} with a new key and its self-signed certificate for 127.0.0.1. */
    private void selfSigned(String name) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "receiver", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name + " receiver", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", certificates.resolve(name + ".p12").toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private KeyStore keyStore(String name) throws Exception {
        return KeyStore.getInstance(certificates.resolve(name + ".p12").toFile(), PASSWORD.toCharArray());
    }

    private Receiver receiver(String certificate) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(certificate), PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            Receiver receiver = Receiver.answeringOverHttps(tls);
            receivers.add(receiver);
            return receiver;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long webhook(String url) {
        ApiClient.Reply created = admin.post("/api/v1/webhooks", Map.of("url", url, "secret", SECRET));
        assertEquals(201, created.status(), created.text());
        long id = ((Number) created.get("id")).longValue();
        webhooks.add(id);
        return id;
    }

    private long publishedDocument() {
        return ((Number) ApiClient.publishNewArticle(editor, publisher, "Tiedote " + UUID.randomUUID(), "Teksti.").get("id"))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(long hook, String status) {
        ApiClient.Reply page = admin.get("/api/v1/webhooks/" + hook + "/deliveries" + (status == null ? "" : "?status=" + status));
        assertEquals(200, page.status(), page.text());
        return (List<Map<String, Object>>) page.body().get("items");
    }

    @SuppressWarnings("unchecked")
    private long documentOf(Receiver.Request request) {
        try {
            Map<String, Object> body = json.readValue(request.body(), Map.class);
            return ((Number) ((Map<String, Object>) body.get("payload")).get("documentId")).longValue();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + request.text(), e);
        }
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
