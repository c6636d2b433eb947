package fi.laituri.participation;

import fi.laituri.ApiTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-client limit on submissions: two in a row, then a friendly 429 page in the reader's language. Behind a
 * trusted proxy (loopback here) each forwarded client has a bucket of its own; from anyone else the header is
 * ignored. Addresses are documentation ones (RFC 5737), written into a header only: nothing is sent to them.
 */
@MicronautTest(transactional = false)
class RateLimitTest extends ApiTest {

    @Inject
    EmbeddedServer server;

    private Readers readers;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.participation.rate-limit.burst", "2", "laituri.participation.rate-limit.refill", "1h",
                "laituri.trusted-proxies", "127.0.0.1,::1");
    }

    @BeforeAll
    void aReader() {
        readers = new Readers(server.getURI());
    }

    private Readers.Answer send(String forwardedFor) {
        Map<String, String> headers = new HashMap<>(Map.of("Origin", Readers.SITE, "Accept", "text/html"));
        headers.put("X-Forwarded-For", forwardedFor);
        return readers.post("/participation/feedback", Map.of("lang", "sv", "category", "general", "message", "Hej"), headers);
    }

    @Test
    void theThirdSubmissionInARowGetsAFriendly429InTheReadersLanguage() {
        List<Integer> statuses = List.of(send("192.0.2.10").status(), send("192.0.2.10").status());
        Readers.Answer third = send("192.0.2.10");

        assertEquals(List.of(200, 200), statuses);
        assertEquals(429, third.status());
        assertTrue(third.headers().firstValue("Retry-After").isPresent());
        assertTrue(third.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(third.body().contains("För många meddelanden"), third.body());
    }

    @Test
    void eachClientBehindTheTrustedProxyHasABucketOfItsOwn() {
        send("192.0.2.20");
        send("192.0.2.20");

        assertEquals(200, send("192.0.2.21").status());
        assertEquals(429, send("192.0.2.20").status());
    }
}
