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
    void aReleaseOfTheFinnishArticleAloneIsRefusedAndOneWithBothLanguagesPublishesBoth() {
        long id = desk.document("article", "Uutinen " + Desk.unique(), "Teksti.");
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants", Map.of("language", "sv", "title", "Nyhet " + Desk.unique())));
        require(200, desk.step(desk.editor, id, "fi", "submit"));
        require(200, desk.step(desk.publisher, id, "fi", "approve"));
        require(200, desk.step(desk.translator, id, "sv", "submit"));
        require(200, desk.step(desk.publisher, id, "sv", "approve"));

        ApiClient.Reply alone = desk.publisher.post("/api/v1/releases", Map.of("name", "Vain suomi " + Desk.unique(),
                "members", java.util.List.of(Map.of("documentId", id, "language", "fi"))));
        require(201, alone);
        ApiClient.Reply refused = desk.publisher.post("/api/v1/releases/" + alone.get("id") + "/publish", Map.of());
        assertEquals(409, refused.status(), refused.text());
        assertTrue(refused.text().contains("the sv version of document " + id + " is neither published nor in the release"), refused.text());
        assertNull(desk.editor.get("/api/v1/documents/" + id + "/variants/fi").get("liveRevision"));

        ApiClient.Reply both = desk.publisher.post("/api/v1/releases", Map.of("name", "Molemmat " + Desk.unique(),
                "members", java.util.List.of(Map.of("documentId", id, "language", "fi"), Map.of("documentId", id, "language", "sv"))));
        require(201, both);
        require(200, desk.publisher.post("/api/v1/releases/" + both.get("id") + "/publish", Map.of()));
        assertEquals("published", desk.editor.get("/api/v1/documents/" + id + "/variants/fi").get("status"));
        assertEquals("published", desk.editor.get("/api/v1/documents/" + id + "/variants/sv").get("status"));
    }

    @Test
    void publishingAFinnishArticleWhoseSwedishVersionIsLiveIsAllowed() {
        long id = desk.document("article", "Uutinen " + Desk.unique(), "Teksti.");
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants", Map.of("language", "sv", "title", "Nyhet " + Desk.unique())));
        desk.publish(id, "sv");
        assertEquals("published", desk.publish(id, "fi").get("status"));
    }
}
