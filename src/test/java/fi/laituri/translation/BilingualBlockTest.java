package fi.laituri.translation;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static fi.laituri.translation.Desk.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class BilingualBlockTest extends ApiTest {

    Desk desk;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.translation.require-bilingual", "block");
    }

    @BeforeAll
    void staff() {
        desk = new Desk(client, users);
    }

    @Test
    void publishingAFinnishArticleAloneIsRefusedWithTheReasonAndChangesNothing() {
        long id = desk.document("article", "Uutinen " + Desk.unique(), "Teksti.");
        require(200, desk.step(desk.editor, id, "fi", "submit"));
        require(200, desk.step(desk.publisher, id, "fi", "approve"));
        ApiClient.Reply r = desk.step(desk.publisher, id, "fi", "publish");
        assertEquals(409, r.status(), r.text());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.get("detail").toString().contains("the sv version of this article is not published"), r.text());
        ApiClient.Reply fi = desk.editor.get("/api/v1/documents/" + id + "/variants/fi");
        assertEquals("approved", fi.get("status"));
        assertNull(fi.get("liveRevision"));
    }

    @Test
    void publishingAFinnishArticleWhoseSwedishVersionIsLiveIsAllowed() {
        long id = desk.document("article", "Uutinen " + Desk.unique(), "Teksti.");
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants", Map.of("language", "sv", "title", "Nyhet " + Desk.unique())));
        desk.publish(id, "sv");
        assertEquals("published", desk.publish(id, "fi").get("status"));
    }
}
