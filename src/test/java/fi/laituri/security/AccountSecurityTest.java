package fi.laituri.security;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens that expire, are rotated and revoked one by one; the last admin; user, token and webhook changes audited. */
@MicronautTest(transactional = false)
class AccountSecurityTest extends ApiTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-05-04T08:00:00Z"));

    private ApiClient admin;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void signIn() {
        admin = ApiClient.as(client, users, Role.ADMIN);
    }

    private static String name() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String editor(String name) {
        ApiClient.Reply created = admin.post("/api/v1/users", Map.of("name", name, "role", "editor"));
        assertEquals(201, created.status(), created.text());
        return created.get("token");
    }

    @Test
    void aRotatedTokenKeepsWorkingUntilTheOldOneIsRevokedByItsId() {
        String name = name();
        ApiClient old = new ApiClient(client, editor(name));
        long oldId = ((Number) admin.get("/api/v1/users/" + name + "/tokens").get("0.id")).longValue();

        ApiClient.Reply issued = admin.post("/api/v1/users/" + name + "/tokens", Map.of());
        assertEquals(201, issued.status(), issued.text());
        ApiClient fresh = new ApiClient(client, issued.get("token"));
        assertEquals(200, old.get("/api/v1/me").status());
        assertEquals(200, fresh.get("/api/v1/me").status());

        assertEquals(204, admin.delete("/api/v1/users/" + name + "/tokens/" + oldId, null).status());

        assertEquals(401, old.get("/api/v1/me").status());
        assertEquals(200, fresh.get("/api/v1/me").status());
        assertEquals(404, admin.delete("/api/v1/users/" + name + "/tokens/" + oldId, null).status());
    }

    @Test
    void aTokenWithAnExpiryWorksUntilThenAndIsRefusedAfter() {
        String name = name();
        editor(name);
        ApiClient.Reply issued = admin.post("/api/v1/users/" + name + "/tokens", Map.of("expiresInDays", 2));
        assertEquals(201, issued.status(), issued.text());
        assertEquals(clock.instant().plus(Duration.ofDays(2)).toString(), issued.get("expiresAt"));
        ApiClient user = new ApiClient(client, issued.get("token"));

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertEquals(200, user.get("/api/v1/me").status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, user.get("/api/v1/me").status());
    }

    @Test
    void anExpiryOutsideOneToThreeThousandSixHundredFiftyDaysIsA400() {
        String name = name();
        editor(name);

        ApiClient.Reply refused = admin.post("/api/v1/users/" + name + "/tokens", Map.of("expiresInDays", 0));

        assertEquals(400, refused.status(), refused.text());
        assertEquals(1, ((List<?>) admin.get("/api/v1/users/" + name + "/tokens").json()).size());
    }

    @Test
    void theTokenListSaysWhenEachWasLastUsedAndNeverShowsATokenOrItsHash() {
        String name = name();
        ApiClient user = new ApiClient(client, editor(name));
        assertNull(admin.get("/api/v1/users/" + name + "/tokens").get("0.lastUsedAt"));

        assertEquals(200, user.get("/api/v1/me").status());

        ApiClient.Reply list = admin.get("/api/v1/users/" + name + "/tokens");
        assertEquals(200, list.status(), list.text());
        assertEquals(clock.instant().toString(), list.get("0.lastUsedAt"));
        assertNotNull(list.get("0.createdAt"));
        assertFalse(list.text().contains("lt_") || list.text().contains("Hash") || list.text().contains("hash"), list.text());
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemovedAndAnotherAdminLiftsThat() {
        // Leave a single admin: demote every other one.
        String me = admin.get("/api/v1/me").get("name");
        for (Object u : admin.get("/api/v1/users").list()) {
            @SuppressWarnings("unchecked") Map<String, Object> user = (Map<String, Object>) u;
            if ("admin".equals(user.get("role")) && !me.equals(user.get("name"))) {
                String path = "/api/v1/users/" + user.get("name");
                assertEquals(200, admin.patch(path, Map.of("role", "editor"), admin.get(path).etag()).status());
            }
        }
        String mine = "/api/v1/users/" + me;

        ApiClient.Reply demoted = admin.patch(mine, Map.of("role", "publisher"), admin.get(mine).etag());
        assertEquals(409, demoted.status(), demoted.text());
        assertTrue(((String) demoted.get("type")).endsWith("last-admin"), demoted.text());
        assertEquals(List.of("admin"), admin.get("/api/v1/me").get("roles"));

        // A second admin; the two demote each other at the same moment: exactly one of them succeeds.
        String second = name();
        ApiClient other = new ApiClient(client, admin.post("/api/v1/users", Map.of("name", second, "role", "admin")).get("token"));
        String theirs = "/api/v1/users/" + second;
        String myETag = admin.get(mine).etag();
        String theirETag = admin.get(theirs).etag();
        List<Integer> statuses = concurrently(
                () -> admin.patch(theirs, Map.of("role", "editor"), theirETag).status(),
                () -> other.patch(mine, Map.of("role", "editor"), myETag).status());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409 || s == 403), statuses.toString());
        ApiClient survivor = statuses.get(0) == 200 ? admin : other;
        assertEquals(1, survivor.get("/api/v1/users").list().stream()
                .filter(u -> "admin".equals(((Map<?, ?>) u).get("role"))).count());
        // ... and whoever is left is admin until another is made; then the lock lifts.
        String left = survivor == admin ? mine : theirs;
        String otherPath = survivor == admin ? theirs : mine;
        assertEquals(200, survivor.patch(otherPath, Map.of("role", "admin"), survivor.get(otherPath).etag()).status());
        assertEquals(200, survivor.patch(left, Map.of("role", "admin"), survivor.get(left).etag()).status());
    }

    @Test
    void userRoleTokenAndWebhookChangesAreInTheAuditLog() {
        String name = name();
        editor(name);
        String path = "/api/v1/users/" + name;
        assertEquals(200, admin.patch(path, Map.of("role", "translator", "languages", List.of("sv")), admin.get(path).etag()).status());
        assertEquals(201, admin.post(path + "/tokens", Map.of("expiresInDays", 30)).status());
        assertEquals(204, admin.delete(path + "/tokens", null).status());
        ApiClient.Reply hook = admin.post("/api/v1/webhooks", Map.of("url", "https://example.org/audited", "secret", "s3cret-s3cret-s3cret"));
        assertEquals(201, hook.status(), hook.text());
        String hookPath = "/api/v1/webhooks/" + hook.get("id");
        assertEquals(200, admin.patch(hookPath, Map.of("active", false), null).status());
        assertEquals(204, admin.delete(hookPath, null).status());
        assertEquals(204, admin.delete(path, null).status());

        String me = admin.get("/api/v1/me").get("name");
        ApiClient.Reply log = admin.get("/api/v1/audit?user=" + me + "&size=500");
        assertEquals(200, log.status(), log.text());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = ((List<Object>) log.body().get("items")).stream()
                .map(e -> (Map<String, Object>) e).toList();
        List<String> about = entries.stream()
                .filter(e -> String.valueOf(e.get("detail")).startsWith(name + ":") || String.valueOf(e.get("detail")).startsWith(name + " ")
                        || String.valueOf(e.get("detail")).contains("https://example.org/audited"))
                .map(e -> (String) e.get("action")).toList();
        assertEquals(List.of("user.created", "token.issued", "user.changed", "token.issued", "token.revoked",
                "webhook.created", "webhook.changed", "webhook.deleted", "user.deleted"), about);
        String changed = entries.stream().filter(e -> "user.changed".equals(e.get("action"))
                && String.valueOf(e.get("detail")).startsWith(name)).map(e -> (String) e.get("detail")).findFirst().orElseThrow();
        assertEquals(name + ": editor → translator sv", changed);
        assertFalse(log.text().contains("s3cret-s3cret-s3cret"), "the audit log shows the webhook's secret");
    }

    @SafeVarargs
    private static List<Integer> concurrently(Callable<Integer>... calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Integer>> futures = pool.invokeAll(List.of(calls));
            return futures.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
