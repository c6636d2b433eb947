package fi.laituri.web;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each request has an id, in the response header and in the problem document a user may report. */
@MicronautTest(transactional = false)
class RequestIdTest extends ApiTest {

    @Test
    void aProblemNamesTheRequestIdThatTheResponseHeaderCarries() {
        ApiClient.Reply missing = ApiClient.as(client, users, Role.EDITOR).get("/api/v1/documents/999999");

        assertEquals(404, missing.status());
        String id = missing.headers().get(RequestLog.HEADER);
        assertNotNull(id);
        assertEquals(id, missing.get("requestId"));
        assertEquals("/api/v1/documents/999999", missing.get("instance"));
    }

    @Test
    void aRefusalByTheSecurityRulesNamesItsRequestIdToo() {
        ApiClient.Reply refused = new ApiClient(client, null).get("/api/v1/documents");

        assertEquals(401, refused.status());
        assertEquals(refused.headers().get(RequestLog.HEADER), refused.get("requestId"));
    }

    @Test
    void aProxysShortRequestIdIsKeptAndAnythingElseReplaced() {
        HttpClientResponseException kept = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/documents").header(RequestLog.HEADER, "nginx-4f2a9c")));
        HttpClientResponseException replaced = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/documents").header(RequestLog.HEADER, "<script>x</script>")));

        assertEquals("nginx-4f2a9c", kept.getResponse().getHeaders().get(RequestLog.HEADER));
        assertNotEquals("<script>x</script>", replaced.getResponse().getHeaders().get(RequestLog.HEADER));
        assertNotNull(replaced.getResponse().getHeaders().get(RequestLog.HEADER));
    }

    @Test
    void twoRequestsGetTwoIds() {
        HttpResponse<String> first = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        HttpResponse<String> second = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);

        assertNotEquals(first.getHeaders().get(RequestLog.HEADER), second.getHeaders().get(RequestLog.HEADER));
    }
}
