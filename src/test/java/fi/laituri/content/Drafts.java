package fi.laituri.content;

import fi.laituri.ApiClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies and shortcuts that the editorial API tests share. */
final class Drafts {

    private Drafts() {
    }

    /** A variant body: language and title, then any further fields as name-value pairs. */
    static Map<String, Object> variant(String language, String title, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language", language);
        body.put("title", title);
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    /** Creates a document of the kind with one variant and returns the reply, asserting nothing. */
    static ApiClient.Reply create(ApiClient api, String kind, Map<String, Object> variant) {
        return api.post("/api/v1/documents", Map.of("kind", kind, "variants", List.of(variant)));
    }

    /** Creates an article with one variant and returns the document's id. */
    static long article(ApiClient api, Map<String, Object> variant) {
        ApiClient.Reply created = create(api, "article", variant);
        if (created.status() != 201) {
            throw new AssertionError("creating the fixture failed: " + created.status() + " " + created.body());
        }
        return id(created);
    }

    static long id(ApiClient.Reply reply) {
        return ((Number) reply.get("id")).longValue();
    }

    static String variantUri(long documentId, String language) {
        return "/api/v1/documents/" + documentId + "/variants/" + language;
    }

    /** A word no other test uses, so that a test finds only its own documents in the shared database. */
    static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String encode(String queryValue) {
        return URLEncoder.encode(queryValue, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(ApiClient.Reply page) {
        return (List<Map<String, Object>>) page.body().get("items");
    }

    /** The revisions of a variant, newest first, as the API lists them. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> revisions(ApiClient api, long documentId, String language) {
        ApiClient.Reply reply = api.get(variantUri(documentId, language) + "/revisions");
        if (reply.status() != 200) {
            throw new AssertionError("listing revisions failed: " + reply.status() + " " + reply.text());
        }
        return (List<Map<String, Object>>) (List<?>) reply.list();
    }

    static List<Long> ids(ApiClient.Reply page) {
        return items(page).stream().map(d -> ((Number) d.get("id")).longValue()).toList();
    }
}
