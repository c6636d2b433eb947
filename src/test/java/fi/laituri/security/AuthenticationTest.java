package fi.laituri.security;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AuthenticationTest extends ApiTest {

    @Test
    void aRequestWithoutATokenIsA401Problem() {
        ApiClient.Reply refused = new ApiClient(client, null).get("/api/v1/documents");

        assertEquals(401, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lt_not-a-real-token", "x", "a-token-that-is-longer-than-two-hundred-characters-"
            + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            + "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void aRequestWithAWrongTokenIsA401Problem(String token) {
        ApiClient.Reply refused = new ApiClient(client, token).get("/api/v1/documents");

        assertEquals(401, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    }

    @Test
    void aWrongTokenGetsExactlyTheSameAnswerAsNoToken() {
        String issued = users.add("leak-check", Role.EDITOR).token();
        String almost = issued.substring(0, issued.length() - 1) + (issued.endsWith("A") ? "B" : "A");

        ApiClient.Reply none = new ApiClient(client, null).get("/api/v1/documents");
        ApiClient.Reply wrong = new ApiClient(client, "lt_not-a-real-token").get("/api/v1/documents");
        ApiClient.Reply nearlyRight = new ApiClient(client, almost).get("/api/v1/documents");

        // Each answer names its own request (requestId); everything else must be the same.
        assertEquals(withoutRequestId(none.text()), withoutRequestId(wrong.text()));
        assertEquals(withoutRequestId(none.text()), withoutRequestId(nearlyRight.text()));
        assertEquals(none.contentType(), wrong.contentType());
    }

    private static String withoutRequestId(String problem) {
        return problem.replaceFirst(",\"requestId\":\"[^\"]*\"", "");
    }

    @Test
    void theUnauthenticatedAnswerSaysNothingAboutWhyTheTokenFailed() {
        ApiClient.Reply refused = new ApiClient(client, "lt_not-a-real-token").get("/api/v1/documents");

        String text = refused.text().toLowerCase();
        for (String leak : List.of("expired", "not found", "unknown", "hash", "invalid token", "no such", "user", "sql",
                "exception")) {
            assertTrue(!text.contains(leak), "the 401 body mentions '" + leak + "': " + refused.text());
        }
    }

    @Test
    void everyEditorialEndpointNeedsAToken() {
        ApiClient anonymous = new ApiClient(client, null);

        for (String uri : List.of("/api/v1/documents", "/api/v1/documents/1", "/api/v1/documents/1/variants/fi",
                "/api/v1/documents/1/variants/fi/revisions", "/api/v1/authors", "/api/v1/me")) {
            assertEquals(401, anonymous.get(uri).status(), uri);
        }
        assertEquals(401, anonymous.post("/api/v1/documents", Map.of("kind", "article")).status());
    }

    @Test
    void meNamesTheTokensUserAndRole() {
        Users.IssuedToken issued = users.add("kaisa-kaantaja", Role.TRANSLATOR);

        ApiClient.Reply me = new ApiClient(client, issued.token()).get("/api/v1/me");

        assertEquals(200, me.status());
        assertEquals("kaisa-kaantaja", me.get("name"));
        assertEquals(List.of("translator"), me.get("roles"));
    }
}
