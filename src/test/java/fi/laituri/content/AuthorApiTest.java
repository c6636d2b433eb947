package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AuthorApiTest extends ApiTest {

    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    @Test
    void creatingAnAuthorReturns201WithItsLocationAndETag() {
        String id = uniqueWord();

        ApiClient.Reply created = editor.post("/api/v1/authors", author(id, "Varpu Taarna", "erityisasiantuntija",
                "Kotoutumisen osaamiskeskus, työ- ja elinkeinoministeriö"));

        assertEquals(201, created.status());
        assertEquals("/api/v1/authors/" + id, created.headers().get("Location"));
        assertEquals("\"" + created.get("version") + "\"", created.etag());
        ApiClient.Reply read = editor.get("/api/v1/authors/" + id);
        assertEquals("Varpu Taarna", read.get("name"));
        assertEquals("erityisasiantuntija", read.get("title"));
        assertEquals("Kotoutumisen osaamiskeskus, työ- ja elinkeinoministeriö", read.get("organisation"));
        assertEquals(created.etag(), read.etag());
    }

    @Test
    void anAuthorWithoutAnIdGetsOneMadeFromTheName() {
        ApiClient.Reply created = editor.post("/api/v1/authors", Map.of("name", "Åsa Öhman-Äijälä"));

        assertEquals(201, created.status());
        assertEquals("asa-ohman-aijala", created.get("id"));
        assertEquals(200, editor.get("/api/v1/authors/asa-ohman-aijala").status());
    }

    @Test
    void anAuthorWithAnIdInUseIsRefusedWith409AndTheFirstStays() {
        String id = uniqueWord();
        editor.post("/api/v1/authors", author(id, "Ensimmäinen", null, null));

        ApiClient.Reply refused = editor.post("/api/v1/authors", author(id, "Toinen", null, null));

        assertEquals(409, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals("Ensimmäinen", editor.get("/api/v1/authors/" + id).get("name"));
    }

    @Test
    void anAuthorIdThatIsNotASlugIsRefusedWith400() {
        ApiClient.Reply refused = editor.post("/api/v1/authors", author("../Root", "Murtautuja", null, null));

        assertEquals(400, refused.status());
        assertEquals("id", refused.get("errors.0.field"));
    }

    @Test
    void updatingAnAuthorWithItsETagChangesIt() {
        String id = uniqueWord();
        String etag = editor.post("/api/v1/authors", author(id, "Vanha Nimi", "harjoittelija", null)).etag();

        ApiClient.Reply updated = editor.put("/api/v1/authors/" + id, author(null, "Uusi Nimi", "asiantuntija", "TEM"), etag);

        assertEquals(200, updated.status());
        ApiClient.Reply read = editor.get("/api/v1/authors/" + id);
        assertEquals("Uusi Nimi", read.get("name"));
        assertEquals("asiantuntija", read.get("title"));
        assertEquals("TEM", read.get("organisation"));
        assertEquals(updated.etag(), read.etag());
    }

    @Test
    void updatingAnAuthorWithAStaleETagIsA412AndChangesNothing() {
        String id = uniqueWord();
        String stale = editor.post("/api/v1/authors", author(id, "Alkuperäinen", null, null)).etag();
        ApiClient.Reply current = editor.put("/api/v1/authors/" + id, author(null, "Ensimmäinen muutos", null, null), stale);

        ApiClient.Reply refused = editor.put("/api/v1/authors/" + id, author(null, "Toinen muutos", null, null), stale);

        assertEquals(412, refused.status());
        assertEquals(current.etag(), refused.get("currentETag"));
        assertEquals("Ensimmäinen muutos", editor.get("/api/v1/authors/" + id).get("name"));
    }

    @Test
    void updatingAnAuthorWithoutIfMatchIsA428() {
        String id = uniqueWord();
        editor.post("/api/v1/authors", author(id, "Ilman ehtoa", null, null));

        ApiClient.Reply refused = editor.put("/api/v1/authors/" + id, author(null, "Muutettu", null, null), null);

        assertEquals(428, refused.status());
        assertEquals("Ilman ehtoa", editor.get("/api/v1/authors/" + id).get("name"));
    }

    @Test
    void deletingAnAuthorWithoutIfMatchIsA428AndKeepsIt() {
        String id = uniqueWord();
        editor.post("/api/v1/authors", author(id, "Pysyvä", null, null));

        ApiClient.Reply refused = editor.delete("/api/v1/authors/" + id, null);

        assertEquals(428, refused.status());
        assertEquals(200, editor.get("/api/v1/authors/" + id).status());
    }

    @Test
    void deletingAnAuthorWithItsETagRemovesIt() {
        String id = uniqueWord();
        String etag = editor.post("/api/v1/authors", author(id, "Poistuva", null, null)).etag();

        ApiClient.Reply deleted = editor.delete("/api/v1/authors/" + id, etag);

        assertEquals(204, deleted.status());
        assertEquals(404, editor.get("/api/v1/authors/" + id).status());
    }

    @Test
    void deletingAnAuthorNamedOnAVariantIsRefusedWith409() {
        String id = uniqueWord();
        String etag = editor.post("/api/v1/authors", author(id, "Bloggaaja", null, null)).etag();
        article(editor, variant("fi", "Blogikirjoitus " + id, "authors", List.of(id)));

        ApiClient.Reply refused = editor.delete("/api/v1/authors/" + id, etag);

        assertEquals(409, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(200, editor.get("/api/v1/authors/" + id).status());
    }

    @Test
    void aVariantShowsItsAuthorsNameTitleAndOrganisationInTheOrderGiven() {
        String first = "z-" + uniqueWord();
        String second = "a-" + uniqueWord();
        editor.post("/api/v1/authors", author(first, "Varpu Taarna", "erityisasiantuntija",
                "Kotoutumisen osaamiskeskus, työ- ja elinkeinoministeriö"));
        editor.post("/api/v1/authors", author(second, "Aino Esimerkki", "johtaja", "Esimerkkikunta"));

        long id = article(editor, variant("fi", "Kaksi kirjoittajaa " + first, "authors", List.of(first, second)));
        ApiClient.Reply read = editor.get(variantUri(id, "fi"));

        assertEquals(List.of(first, second), List.of(read.get("authors.0.id"), read.get("authors.1.id")));
        assertEquals("Varpu Taarna", read.get("authors.0.name"));
        assertEquals("erityisasiantuntija", read.get("authors.0.title"));
        assertEquals("Kotoutumisen osaamiskeskus, työ- ja elinkeinoministeriö", read.get("authors.0.organisation"));
        assertEquals("Aino Esimerkki", read.get("authors.1.name"));
        assertEquals("johtaja", read.get("authors.1.title"));
        assertEquals("Esimerkkikunta", read.get("authors.1.organisation"));
    }

    @Test
    void aMissingAuthorIsA404Problem() {
        ApiClient.Reply missing = editor.get("/api/v1/authors/" + uniqueWord());

        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"));
    }

    private static Map<String, Object> author(String id, String name, String title, String organisation) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("name", name);
        body.put("title", title);
        body.put("organisation", organisation);
        return body;
    }
}
