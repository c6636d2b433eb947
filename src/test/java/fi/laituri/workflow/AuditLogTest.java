package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static fi.laituri.workflow.Newsroom.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AuditLogTest extends ApiTest {

    @Value("${datasources.default.url}")
    String url;

    @Value("${datasources.default.username}")
    String user;

    @Value("${datasources.default.password}")
    String password;

    Newsroom newsroom;

    @BeforeAll
    void staff() {
        newsroom = new Newsroom(client, users);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(String query) {
        return (List<Map<String, Object>>) require(200, newsroom.publisher.get("/api/v1/audit?" + query)).get("items");
    }

    @Test
    void theAuditLogTellsTheWholeStoryOfADocument() {
        long id = newsroom.finnishArticle("Tarina " + Newsroom.unique());
        ApiClient.Reply fi = newsroom.editor.get(Newsroom.variant(id, "fi"));
        require(200, newsroom.editor.patch(Newsroom.variant(id, "fi"), Map.of("summary", "Tiivistelmä"), fi.etag()));
        newsroom.publishNow(id, "fi");

        List<Map<String, Object>> story = entries("document=" + id);

        assertEquals(List.of("document.created", "variant.created", "variant.edited", "variant.submitted",
                "variant.approved", "variant.published"), story.stream().map(e -> e.get("action")).toList());
        Map<String, Object> approval = story.get(4);
        assertEquals("in_review", approval.get("fromStatus"));
        assertEquals("approved", approval.get("toStatus"));
        assertEquals(2, ((Number) approval.get("revision")).intValue());
    }

    @Test
    void theAuditLogCanBeReadByUserAndByTime() {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        ApiClient lone = ApiClient.as(client, users, fi.laituri.security.Role.EDITOR);
        String name = (String) lone.get("/api/v1/me").get("name");
        require(201, lone.post("/api/v1/documents", Map.of("kind", "page")));

        List<Map<String, Object>> byUser = entries("user=" + name);
        assertEquals(1, byUser.size());
        assertEquals("document.created", byUser.get(0).get("action"));
        String from = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        assertTrue(entries("user=" + name + "&from=" + from).size() == 1);
        assertTrue(entries("user=" + name + "&to=" + from).isEmpty());
    }

    @Test
    void theAuditLogPagesThroughADocumentsStoryOldestFirstWithTheTotal() {
        long id = newsroom.finnishArticle("Sivuttain " + Newsroom.unique());
        newsroom.publishNow(id, "fi");

        ApiClient.Reply first = require(200, newsroom.publisher.get("/api/v1/audit?document=" + id + "&size=2&page=1"));
        ApiClient.Reply third = require(200, newsroom.publisher.get("/api/v1/audit?document=" + id + "&size=2&page=3"));
        ApiClient.Reply beyond = require(200, newsroom.publisher.get("/api/v1/audit?document=" + id + "&size=2&page=4"));

        assertEquals(List.of("document.created", "variant.created"), actions(first));
        assertEquals(List.of("variant.published"), actions(third));
        assertEquals(List.of(), actions(beyond));
        for (ApiClient.Reply page : List.of(first, third, beyond)) {
            assertEquals(5L, ((Number) page.get("total")).longValue());
        }
    }

    @Test
    void documentUserAndTimeFiltersTogetherFindOnlyTheEntriesMatchingThemAll() {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        long id = newsroom.finnishArticle("Yhdessä " + Newsroom.unique());
        newsroom.finnishArticle("Toinen " + Newsroom.unique());
        newsroom.publishNow(id, "fi");
        String publisher = (String) newsroom.publisher.get("/api/v1/me").get("name");
        String from = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        String to = URLEncoder.encode(OffsetDateTime.now().plusMinutes(1).toString(), StandardCharsets.UTF_8);

        List<Map<String, Object>> found = entries("document=" + id + "&user=" + publisher + "&from=" + from + "&to=" + to);

        assertEquals(List.of("variant.approved", "variant.published"), found.stream().map(e -> e.get("action")).toList());
        assertTrue(entries("document=" + id + "&user=" + publisher + "&to=" + from).isEmpty());
    }

    @Test
    void quotesWildcardsAndBackslashesInTheUserFilterAreMatchedAsWritten() {
        newsroom.finnishArticle("Kenen " + Newsroom.unique());

        for (String hostile : List.of("' OR '1'='1", "%", "_", "%editor%", "\\", "bench\" OR 1=1 --", "a'; DROP TABLE audit_entry; --")) {
            ApiClient.Reply reply = newsroom.publisher.get("/api/v1/audit?user=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
            assertEquals(200, reply.status(), hostile + ": " + reply.text());
            assertEquals(0L, ((Number) reply.get("total")).longValue(), hostile);
        }
    }

    @Test
    void aUserFilterLongerThanAUserNameIsA400() {
        ApiClient.Reply refused = newsroom.publisher.get("/api/v1/audit?user=" + "u".repeat(101));

        assertEquals(400, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> actions(ApiClient.Reply page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(e -> e.get("action")).toList();
    }

    @Test
    void noApiCanChangeOrDeleteTheAuditLog() {
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.POST)) {
            int status = newsroom.admin.send(method, "/api/v1/audit", method == HttpMethod.DELETE ? null : Map.of(), null).status();
            assertTrue(status == 405 || status == 404, method + " gave " + status);
        }
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAuditEntries() throws SQLException {
        newsroom.finnishArticle("Muuttumaton " + Newsroom.unique());
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE audit_entry SET actor = 'someone else'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_entry"));
        }
    }

    @Test
    void aBadTimeFilterIsA400() {
        assertEquals(400, newsroom.publisher.get("/api/v1/audit?from=yesterday").status());
    }
}
