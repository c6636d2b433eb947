package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A small site with one person doing everything may turn the four-eyes rule off. */
@MicronautTest(transactional = false)
class FourEyesOffTest extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.workflow.four-eyes", "false");
    }

    @Test
    void withTheRuleOffTheAuthorMayApproveTheirOwnRevision() {
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);
        ApiClient.Reply created = admin.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Yksin " + Newsroom.unique()))));
        String transitions = "/api/v1/documents/" + created.get("id") + "/variants/fi/transitions";
        assertEquals(200, admin.post(transitions, Map.of("action", "submit")).status());

        ApiClient.Reply approved = admin.post(transitions, Map.of("action", "approve"));

        assertEquals(200, approved.status(), approved.text());
        assertEquals("approved", approved.get("status"));
    }
}
