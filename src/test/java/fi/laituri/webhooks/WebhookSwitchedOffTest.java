package fi.laituri.webhooks;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** laituri.webhooks.enabled=false: no job and no API, while the scheduler runs. */
@MicronautTest(transactional = false)
class WebhookSwitchedOffTest extends ApiTest {

    @Inject
    ApplicationContext context;


    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.webhooks.enabled", "false");
    }

    @Test
    void theDeliveryJobDoesNotRun() {
        assertFalse(context.containsBean(WebhookJob.class));
    }

    @Test
    void theApiIsNotThere() {
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);

        assertEquals(404, admin.get("/api/v1/webhooks").status());
        assertEquals(404, admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/hooks")).status());
    }
}
