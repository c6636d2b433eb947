package fi.laituri.ops;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health for load balancers and operators: a status for anyone, the details only for roles that may monitor. */
@MicronautTest(transactional = false)
class HealthTest extends ApiTest {

    @Test
    void anonymousHealthIsTheStatusAloneWithoutDatabaseOrDiskDetails() {
        ApiClient.Reply health = new ApiClient(client, null).get("/health");

        assertEquals(200, health.status());
        assertEquals("UP", health.get("status"));
        assertNull(health.get("details"), health.text());
        assertFalse(health.text().contains("jdbc"), health.text());
    }

    @Test
    void anEditorSeesTheStatusAloneToo() {
        ApiClient.Reply health = ApiClient.as(client, users, Role.EDITOR).get("/health");

        assertEquals("UP", health.get("status"));
        assertNull(health.get("details"), health.text());
    }

    @Test
    void anAdminSeesTheDetailsOfEveryCheck() {
        ApiClient.Reply health = ApiClient.as(client, users, Role.ADMIN).get("/health");

        assertEquals(200, health.status());
        assertNotNull(health.get("details.database-breaker"), health.text());
        assertNotNull(health.get("details.search-index"), health.text());
        assertTrue(health.text().contains("jdbc"), health.text());
    }

    @Test
    void livenessAndReadinessAreUpWhileTheDatabaseAndTheIndexWork() {
        ApiClient anonymous = new ApiClient(client, null);

        assertEquals(200, anonymous.get("/health/liveness").status());
        assertEquals("UP", anonymous.get("/health/liveness").get("status"));
        assertEquals(200, anonymous.get("/health/readiness").status());
        assertEquals("UP", anonymous.get("/health/readiness").get("status"));
    }
}
