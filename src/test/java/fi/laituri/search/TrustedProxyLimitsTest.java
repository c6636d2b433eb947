package fi.laituri.search;

import fi.laituri.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The search rate limit behind a trusted proxy (the test's own loopback address): readers are told apart by the
 * addresses the proxy forwards. The requests all come over loopback; only their headers differ.
 */
@MicronautTest(transactional = false)
class TrustedProxyLimitsTest extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.trusted-proxies", "127.0.0.0/8, ::1", "laituri.search.rate-limit.burst", "2",
                "laituri.search.rate-limit.per-second", "0.01", "laituri.search.rate-limit.max-clients", "3");
    }

    private int search(String header, String value) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET("/api/search?q=kotoutuminen").header(header, value))
                    .code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void readersBehindATrustedProxyEachHaveTheirOwnBucket() {
        assertEquals(200, search("X-Forwarded-For", "203.0.113.1"));
        assertEquals(200, search("X-Forwarded-For", "203.0.113.1"));
        assertEquals(429, search("X-Forwarded-For", "203.0.113.1"));

        assertEquals(200, search("X-Forwarded-For", "203.0.113.2"));
        assertEquals(200, search("Forwarded", "for=\"[2001:db8::3]:4711\";proto=https"));
    }

    @Test
    void aReaderCannotChooseItsBucketByPrependingAnAddressToWhatTheProxyForwards() {
        assertEquals(200, search("X-Forwarded-For", "198.51.100.1, 203.0.113.4"));
        assertEquals(200, search("X-Forwarded-For", "198.51.100.2, 203.0.113.4"));

        assertEquals(429, search("X-Forwarded-For", "198.51.100.3, 203.0.113.4"));
    }

    @Test
    void bucketsAreKeptForTheMostRecentClientsOnlyAndAForgottenOneStartsFull() {
        assertEquals(200, search("X-Forwarded-For", "203.0.113.5"));
        assertEquals(200, search("X-Forwarded-For", "203.0.113.5"));
        assertEquals(429, search("X-Forwarded-For", "203.0.113.5"));

        for (String other : new String[] {"203.0.113.6", "203.0.113.7", "203.0.113.8"}) {
            assertEquals(200, search("X-Forwarded-For", other));
        }

        assertEquals(200, search("X-Forwarded-For", "203.0.113.5"));
    }
}
