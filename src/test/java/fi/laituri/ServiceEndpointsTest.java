package fi.laituri;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is served without a token: health for the operator and the OpenAPI document for client authors. */
@MicronautTest(transactional = false)
class ServiceEndpointsTest extends DatabaseTest {

    /** Where the demo command tells users to find the API description. */
    private static final String OPENAPI = "/openapi/laituri.yml";

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void healthIsPublicAndUp() {
        ApiClient.Reply health = new ApiClient(client, null).get("/health");

        assertEquals(200, health.status());
        assertEquals("UP", health.get("status"));
    }

    @Test
    void theOpenApiDocumentIsServedWithoutATokenAndDescribesTheDocumentsEndpoint() {
        ApiClient.Reply openApi = new ApiClient(client, null).get(OPENAPI);

        assertEquals(200, openApi.status());
        assertTrue(openApi.text().startsWith("openapi: 3."), openApi.text().substring(0, Math.min(80, openApi.text().length())));
        assertTrue(openApi.text().contains("/api/v1/documents:"), "no /api/v1/documents path in the OpenAPI document");
    }
}
