package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body over {@code micronaut.server.max-request-size} is refused before it reaches the content. */
@MicronautTest(transactional = false)
class BodyLimitTest extends ApiTest {

    private static final int LIMIT = 4096;


    ApiClient editor;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.max-request-size", String.valueOf(LIMIT));
    }

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    @Test
    void aBodyUnderTheLimitIsAccepted() {
        ApiClient.Reply created = Drafts.create(editor, "article", variant("fi", "Pieni", "body", "x".repeat(LIMIT / 2)));

        assertEquals(201, created.status());
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        ApiClient.Reply refused = Drafts.create(editor, "article", variant("fi", "Iso", "body", "x".repeat(LIMIT * 2)));

        assertEquals(413, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(413, ((Number) refused.get("status")).intValue());
    }

    @Test
    void aReplacementOverTheLimitIsA413AndLeavesTheVariantAsItWas() {
        long id = article(editor, variant("fi", "Ennallaan", "body", "lyhyt"));
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply refused = editor.put(variantUri(id, "fi"), variant("fi", "Ennallaan", "body", "y".repeat(LIMIT * 2)), etag);

        assertEquals(413, refused.status());
        assertEquals("lyhyt", editor.get(variantUri(id, "fi")).get("body"));
    }
}
