package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.media.TestFiles;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.http.HttpMethod;
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
    private final Users users;

    Newsroom(HttpClient client, Users users) {
        this.users = users;
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

    /** A fresh document with a Finnish and a Swedish version, so that no two requests share one. */
    long document() {
        long id = finnishArticle("Sopimus " + unique());
        require(201, editor.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv", "title", "Avtal " + unique(), "body", "Första stycket.")));
        return id;
    }

    /** A document whose Swedish version has a second revision, so that the first can be restored. */
    long revisedDocument() {
        long id = document();
        require(200, editor.patch(sv(id), Map.of("title", "Ny " + unique()), "*"));
        return id;
    }

    /** A new author's id. */
    String author() {
        return require(201, editor.post("/api/v1/authors", Map.of("name", "Kirjoittaja " + unique()))).get("id");
    }

    /** The body of a release of the document's Swedish version. */
    static Map<String, Object> release(long id) {
        return Map.of("name", "Julkaisu " + unique(), "members", List.of(Map.of("documentId", id, "language", "sv")));
    }

    /** A release of one approved Swedish version, ready to publish; returns its id. */
    long release() {
        long id = document();
        approve(id, "sv");
        return ((Number) require(201, publisher.post("/api/v1/releases", release(id))).get("id")).longValue();
    }

    /** The XLIFF file of the document's Swedish version. */
    String xliff(long id) {
        return require(200, editor.get("/api/v1/translations/" + id + "/sv/xliff")).text();
    }

    /** A file the editor uploaded, used by nothing; returns its id. */
    String media() {
        return require(201, editor.send(HttpMethod.POST, "/api/v1/media",
                TestFiles.png("kuva-" + unique() + ".png"), "multipart/form-data", null)).get("id");
    }

    /**
     * The path of an image as the preview of a draft that shows it serves it ({@code /preview/<token>/media/...}):
     * a new file, a new draft naming it, a new preview link.
     */
    String previewedFile() {
        ApiClient.Reply file = require(201, editor.send(HttpMethod.POST, "/api/v1/media",
                TestFiles.png("kuva-" + unique() + ".png"), "multipart/form-data", null));
        ApiClient.Reply created = require(201, editor.post("/api/v1/documents", Map.of("kind", "article", "variants",
                List.of(Map.of("language", "fi", "title", "Kuva " + unique(), "body", "![Kuva](media:" + file.get("id") + ")")))));
        String token = require(201, editor.post(variant(((Number) created.get("id")).longValue(), "fi") + "/preview-links",
                Map.of())).get("token");
        return "/preview/" + token + "/media/" + ((String) file.get("sha256")).substring(0, 16) + "-40.png";
    }

    /** As {@link #previewedFile()}, for a document the draft links to ({@code /preview/<token>/media/<hash>/<id>.pdf}). */
    String previewedDocument() {
        ApiClient.Reply file = require(201, editor.send(HttpMethod.POST, "/api/v1/media",
                TestFiles.pdfUpload("asiakirja-" + unique() + ".pdf"), "multipart/form-data", null));
        ApiClient.Reply created = require(201, editor.post("/api/v1/documents", Map.of("kind", "article", "variants",
                List.of(Map.of("language", "fi", "title", "Asiakirja " + unique(), "body", "[Asiakirja](media:" + file.get("id") + ")")))));
        String token = require(201, editor.post(variant(((Number) created.get("id")).longValue(), "fi") + "/preview-links",
                Map.of())).get("token");
        return "/preview/" + token + "/media/" + ((String) file.get("sha256")).substring(0, 16) + "/" + file.get("id") + ".pdf";
    }

    /** A new editor's user name. */
    String user() {
        String name = "u" + unique();
        users.add(name, Role.EDITOR);
        return name;
    }

    /** A webhook the admin registers for the URL; returns its id. */
    long webhook(String url) {
        return ((Number) require(201, admin.post("/api/v1/webhooks", Map.of("url", url))).get("id")).longValue();
    }

    /** A published Finnish blog post, which takes comments. */
    long blogPost() {
        long id = ((Number) require(201, editor.post("/api/v1/documents", Map.of("kind", "blog_post",
                "variants", List.of(Map.of("language", "fi", "title", "Blogi " + unique(), "body", "Teksti."))))).get("id")).longValue();
        publishNow(id, "fi");
        return id;
    }

    /** A reader's pending comment on a new post, as the form sends it; returns its id. */
    long comment() {
        long post = blogPost();
        require(200, anonymous.send(HttpMethod.POST, "/participation/comments", "document=" + post
                + "&lang=fi&name=Lukija&comment=Kommentti", "application/x-www-form-urlencoded", null));
        return ((Number) require(200, publisher.get("/api/v1/comments?post=" + post)).get("items.0.id")).longValue();
    }

    /** A reader's feedback, as the form sends it; returns its id. */
    long feedback() {
        require(200, anonymous.send(HttpMethod.POST, "/participation/feedback",
                "lang=fi&category=accessibility&message=Vaikea", "application/x-www-form-urlencoded", null));
        return ((Number) require(200, publisher.get("/api/v1/feedback?size=1")).get("items.0.id")).longValue();
    }

    static String sv(long id) {
        return variant(id, "sv");
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
