package fi.laituri.content;

import fi.laituri.Api;
import fi.laituri.DatabaseTest;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@MicronautTest(transactional = false)
class DocumentApiTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Users users;

    Api editor;

    @BeforeAll
    void signIn() {
        editor = Api.as(client, users, Role.EDITOR);
    }

    @Test
    void creatingADocumentWithAFinnishVariantReturnsItWithAGeneratedSlug() {
        Api.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Kotoutumisen tuki työ- ja elinkeinoministeriössä"))));

        assertEquals(201, created.status());
        assertNotNull(created.headers().get("Location"));
        assertEquals("kotoutumisen-tuki-tyo-ja-elinkeinoministeriossa", created.get("variants.0.slug"));
        assertEquals("draft", created.get("variants.0.status"));
    }
}
