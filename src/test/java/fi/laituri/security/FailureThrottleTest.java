package fi.laituri.security;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that keeps guessing tokens or preview links is slowed down with 429; others are not. */
@MicronautTest(transactional = false)
class FailureThrottleTest extends ApiTest {

    private static final int BURST = 3;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.security.throttle.burst", String.valueOf(BURST),
                "laituri.security.throttle.per-minute", "1",
                "laituri.scheduler.enabled", "false");
    }

    @Test
    void afterTooManyWrongTokensTheClientGets429WithRetryAfterAndTheSiteStillAnswers() {
        ApiClient valid = ApiClient.as(client, users, Role.EDITOR);
        assertEquals(200, valid.get("/api/v1/me").status());
        for (int i = 0; i < BURST; i++) {
            assertEquals(401, new ApiClient(client, "lt_guess-" + i).get("/api/v1/me").status());
        }

        ApiClient.Reply refused = new ApiClient(client, "lt_guess-again").get("/api/v1/me");

        assertEquals(429, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        String retryAfter = refused.headers().get("Retry-After");
        assertNotNull(retryAfter);
        assertTrue(Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 60, retryAfter);
        // Refused before the token is looked at: the right token waits too; requests without one are not counted.
        assertEquals(429, valid.get("/api/v1/me").status());
        assertEquals(200, new ApiClient(client, null).get("/api/public/v1/fi").status());
    }

    @Test
    void afterTooManyUnknownPreviewLinksTheClientGets429WithRetryAfter() {
        ApiClient anonymous = new ApiClient(client, null);
        for (int i = 0; i < BURST; i++) {
            assertEquals(404, anonymous.get("/preview/no-such-link-" + i).status());
        }

        ApiClient.Reply refused = anonymous.get("/preview/no-such-link-either");

        assertEquals(429, refused.status(), refused.text());
        assertNotNull(refused.headers().get("Retry-After"));
        assertEquals(200, anonymous.get("/api/public/v1/fi").status());
    }
}
