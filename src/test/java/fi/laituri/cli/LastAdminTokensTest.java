package fi.laituri.cli;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.TestDatabase;
import fi.laituri.security.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Revoking every token of the last admin is allowed: it is what one does when that admin's token leaked, and
 * refusing it would keep the leaked token valid. The way back in is {@code laituri user token} on the command
 * line, which needs the database, not a token.
 */
@MicronautTest(transactional = false)
class LastAdminTokensTest extends ApiTest {

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Test
    void theLastAdminMayRevokeAllTheirTokensAndTheCommandLineIssuesTheWayBackIn() {
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);
        String me = admin.get("/api/v1/me").get("name");
        List<?> admins = admin.get("/api/v1/users").list().stream()
                .filter(u -> "admin".equals(((Map<?, ?>) u).get("role"))).toList();
        assertEquals(1, admins.size(), "the only admin: " + admins);

        ApiClient.Reply revoked = admin.delete("/api/v1/users/" + me + "/tokens", null);

        assertEquals(204, revoked.status(), revoked.text());
        assertEquals(401, admin.get("/api/v1/me").status(), "the revoked token no longer works");
        Map<String, String> env = TestDatabase.processEnvironment(TestDatabase.nameIn(databaseUrl));
        CommandLineTest.Run issued = CommandLineTest.run(env, "user", "token", "--name", me);
        assertEquals(0, issued.exitCode(), issued.err());
        List<String> lines = issued.out().lines().filter(l -> !l.isBlank()).toList();
        ApiClient back = new ApiClient(client, lines.get(lines.size() - 1).strip());
        assertEquals(me, back.get("/api/v1/me").get("name"));
        assertEquals(200, back.get("/api/v1/users").status(), "the new token manages users again");
    }
}
