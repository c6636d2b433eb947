package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.http.client.HttpClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The people of a newsroom as API clients, and the workflow steps the tests take with them. */
final class Newsroom {

    final ApiClient editor;
    final ApiClient translator;
    final ApiClient publisher;
    final ApiClient otherPublisher;
    final ApiClient admin;
    final ApiClient anonymous;

    Newsroom(HttpClient client, Users users) {
        editor = ApiClient.as(client, users, Role.EDITOR);
        translator = new ApiClient(client, users.add("translator-" + unique(), Role.TRANSLATOR, List.of("sv", "selko")).token());
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        otherPublisher = ApiClient.as(client, users, Role.PUBLISHER);
        admin = ApiClient.as(client, users, Role.ADMIN);
        anonymous = new ApiClient(client, null);
    }

    /** A Finnish article written by the editor; returns its document id. */
    long finnishArticle(String title) {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", title, "body", "Ensimmäinen kappale."))));
        require(201, created);
        return ((Number) created.get("id")).longValue();
    }

    ApiClient.Reply step(ApiClient who, long id, String language, String action, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return who.post(variant(id, language) + "/transitions", body);
    }

    /** Submitted by the editor, approved by a publisher: ready to publish. */
    void approve(long id, String language) {
        require(200, step(language.equals("fi") ? editor : translator, id, language, "submit"));
        require(200, step(publisher, id, language, "approve"));
    }

    void publishNow(long id, String language) {
        approve(id, language);
        require(200, step(publisher, id, language, "publish"));
    }

    static String variant(long id, String language) {
        return "/api/v1/documents/" + id + "/variants/" + language;
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static ApiClient.Reply require(int status, ApiClient.Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply.status() + ": " + reply.text());
        }
        return reply;
    }
}
