package fi.laituri.site;

import fi.laituri.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live site the server cannot read is its own passing fault (503, try again), not a page that is missing (404). */
@MicronautTest(transactional = false)
class UnreadableSiteTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-unreadable-site-");
            // A link that points at itself: resolving it fails with an I/O error, as a lost mount would.
            Files.createSymbolicLink(SITE.resolve(SiteWriter.CURRENT), Path.of(SiteWriter.CURRENT));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString());
    }

    @Test
    void aSiteThatCannotBeReadAnswers503WithRetryAfterRatherThanNotBuilt() {
        HttpResponse<?> response = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/fi/"), String.class)).getResponse();

        assertEquals(503, response.code());
        assertEquals("30", response.header("Retry-After"));
        assertTrue(response.getContentType().map(Object::toString).orElse("").startsWith("application/problem+json"),
                response.getContentType().toString());
    }
}
