package fi.laituri.search;

import fi.laituri.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-client rate limit and the CORS origins of the search endpoints. */
@MicronautTest(transactional = false)
class SearchLimitsTest extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.search.rate-limit.burst", "5", "laituri.search.rate-limit.per-second", "0.01",
                "laituri.search.cors.allowed-origins", "https://kotoutuminen.example.fi",
                // Micronaut refuses other origins' requests to a server on localhost; the test server is one.
                "micronaut.server.cors.localhost-pass-through", "true");
    }

    private HttpResponse<String> get(String path, String origin) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path).header("Origin", origin), String.class);
        } catch (HttpClientResponseException e) {
            return (HttpResponse<String>) e.getResponse();
        }
    }

    @Test
    void anAllowedOriginMayReadTheAnswerAndAnotherMayNotAndTooManySearchesGet429() {
        HttpResponse<String> allowed = get("/api/search?q=kotoutuminen", "https://kotoutuminen.example.fi");
        assertEquals(200, allowed.code());
        assertEquals("https://kotoutuminen.example.fi", allowed.header("Access-Control-Allow-Origin"));

        HttpResponse<String> other = get("/api/search?q=kotoutuminen", "https://evil.example");
        assertEquals(200, other.code());
        assertNull(other.header("Access-Control-Allow-Origin"));

        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = get("/api/search/suggest?q=koto", "https://kotoutuminen.example.fi");
        }
        assertEquals(429, last.code());
        assertEquals("application/problem+json", last.getContentType().orElseThrow().toString());
        assertTrue(Long.parseLong(last.header("Retry-After")) >= 1);
        assertEquals("https://kotoutuminen.example.fi", last.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anAddressSentInXForwardedForByAClientThatIsNoTrustedProxyDoesNotGiveItANewBucket() {
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r;
            try {
                r = client.toBlocking().exchange(HttpRequest.GET("/api/search?q=kotoutuminen")
                        .header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=198.51.100." + i), String.class);
            } catch (HttpClientResponseException e) {
                r = (HttpResponse<String>) e.getResponse();
            }
            limited += r.code() == 429 ? 1 : 0;
        }

        // A bucket of 5: the sixth search is refused at the latest, whatever the headers say.
        assertTrue(limited >= 1, "no search refused");
    }
}
