package fi.laituri.security;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class UserApiTest extends ApiTest {

    ApiClient admin;

    @BeforeAll
    void signIn() {
        admin = ApiClient.as(client, users, Role.ADMIN);
    }

    private static String name() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdminCreatesATranslatorWhoseTokenWorksOnlyInTheirLanguages() {
        String name = name();
        ApiClient.Reply created = admin.post("/api/v1/users", Map.of("name", name, "role", "translator", "languages", List.of("sv")));
        assertEquals(201, created.status(), created.text());
        ApiClient translator = new ApiClient(client, created.get("token"));

        assertEquals(List.of("translator"), translator.get("/api/v1/me").get("roles"));
        ApiClient.Reply doc = admin.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Käännettävä " + name))));
        String variants = "/api/v1/documents/" + doc.get("id") + "/variants";
        assertEquals(201, translator.post(variants, Map.of("language", "sv", "title", "Översatt " + name)).status());
        assertEquals(403, translator.post(variants, Map.of("language", "selko", "title", "Selko " + name)).status());
    }

    @Test
    void theUserListNeverShowsTokens() {
        admin.post("/api/v1/users", Map.of("name", name(), "role", "editor"));

        ApiClient.Reply list = admin.get("/api/v1/users");

        assertEquals(200, list.status());
        assertFalse(list.text().contains("lt_"), list.text());
    }

    @Test
    void revokingAUsersTokensLocksThemOut() {
        String name = name();
        String token = admin.post("/api/v1/users", Map.of("name", name, "role", "editor")).get("token");
        ApiClient user = new ApiClient(client, token);
        assertEquals(200, user.get("/api/v1/me").status());

        assertEquals(204, admin.delete("/api/v1/users/" + name + "/tokens", null).status());

        assertEquals(401, user.get("/api/v1/me").status());
        String fresh = admin.post("/api/v1/users/" + name + "/tokens", null).get("token");
        assertEquals(200, new ApiClient(client, fresh).get("/api/v1/me").status());
    }

    @Test
    void changingARoleTakesEffectOnTheNextRequest() {
        String name = name();
        ApiClient user = new ApiClient(client, admin.post("/api/v1/users", Map.of("name", name, "role", "editor")).get("token"));

        String etag = admin.get("/api/v1/users/" + name).etag();
        assertEquals(200, admin.patch("/api/v1/users/" + name, Map.of("role", "publisher"), etag).status());

        assertEquals(List.of("publisher"), user.get("/api/v1/me").get("roles"));
        assertEquals(403, user.post("/api/v1/documents", Map.of("kind", "page")).status());
    }

    @Test
    void ofTwoAdminsChangingOneUserFromTheSameVersionTheSecondGets412AndChangesNothing() {
        String name = name();
        admin.post("/api/v1/users", Map.of("name", name, "role", "translator", "languages", List.of("sv")));
        String seen = admin.get("/api/v1/users/" + name).etag();

        ApiClient.Reply first = admin.patch("/api/v1/users/" + name,
                Map.of("role", "translator", "languages", List.of("sv", "selko")), seen);
        ApiClient.Reply second = admin.patch("/api/v1/users/" + name, Map.of("role", "editor"), seen);

        assertEquals(200, first.status());
        assertEquals(412, second.status());
        assertEquals("application/problem+json", second.contentType());
        assertEquals(first.etag(), second.get("currentETag"));
        ApiClient.Reply now = admin.get("/api/v1/users/" + name);
        assertEquals("translator", now.get("role"));
        assertEquals(List.of("sv", "selko"), now.get("languages"));
        assertEquals(first.etag(), now.etag());
    }

    @Test
    void changingAUserWithoutIfMatchGets428() {
        String name = name();
        admin.post("/api/v1/users", Map.of("name", name, "role", "editor"));

        ApiClient.Reply change = admin.patch("/api/v1/users/" + name, Map.of("role", "publisher"), null);

        assertEquals(428, change.status());
        assertEquals("editor", admin.get("/api/v1/users/" + name).get("role"));
    }

    @Test
    void badUserRequestsAreClear4xx() {
        assertEquals(400, admin.post("/api/v1/users", Map.of("name", name(), "role", "king")).status());
        assertEquals(400, admin.post("/api/v1/users", Map.of("name", name(), "role", "translator", "languages", List.of("xx"))).status());
        assertEquals(400, admin.post("/api/v1/users", Map.of("name", "bad name!", "role", "editor")).status());
        String taken = name();
        admin.post("/api/v1/users", Map.of("name", taken, "role", "editor"));
        assertEquals(409, admin.post("/api/v1/users", Map.of("name", taken, "role", "editor")).status());
        assertEquals(404, admin.delete("/api/v1/users/nobody-" + name(), null).status());
        ApiClient.Reply self = admin.get("/api/v1/me");
        assertEquals(409, admin.delete("/api/v1/users/" + self.get("name"), null).status());
        assertTrue(admin.get("/api/v1/users").status() == 200);
    }
}
