package fi.laituri.security;

import fi.laituri.ApiClient;
import fi.laituri.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database: a client that spreads its wrong tokens over both gets the burst of one instance,
 * not one per instance (one more failure at most, at the instance that had not yet drawn the empty bucket).
 */
class SharedFailureThrottleTest {

    private static final int BURST = 4;

    @Test
    void wrongTokensSpreadOverTwoInstancesShareOneBurst() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.freshDatabase());
        properties.put("micronaut.server.port", -1);
        properties.put("laituri.security.throttle.burst", BURST);
        properties.put("laituri.security.throttle.per-minute", 1);
        properties.put("laituri.scheduler.enabled", false);
        properties.put("laituri.webhooks.enabled", false);
        try (ApplicationContext a = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
             ApplicationContext b = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
             HttpClient toA = HttpClient.create(a.getBean(EmbeddedServer.class).getURL());
             HttpClient toB = HttpClient.create(b.getBean(EmbeddedServer.class).getURL())) {
            List<ApiClient> instances = List.of(new ApiClient(toA, "lt_guess"), new ApiClient(toB, "lt_guess"));
            int refusedTokens = 0;
            int throttled = 0;
            for (int i = 0; i < 4 * BURST && throttled < 2; i++) {
                int status = instances.get(i % 2).get("/api/v1/me").status();
                if (status == 401) {
                    refusedTokens++;
                    throttled = 0;
                } else {
                    assertEquals(429, status, "guess " + i);
                    throttled++;
                }
            }
            assertEquals(2, throttled, "both instances answer 429 in turn");
            assertTrue(refusedTokens >= BURST && refusedTokens <= BURST + 1,
                    refusedTokens + " wrong tokens were looked at before both instances refused; each alone allows " + BURST);
            String token = a.getBean(Users.class).add("sanna", Role.EDITOR).token();
            assertEquals(429, new ApiClient(toB, token).get("/api/v1/me").status(), "a right token waits too");
        } finally {
            TestDatabase.drop(TestDatabase.nameIn(String.valueOf(properties.get("datasources.default.url"))));
        }
    }
}
