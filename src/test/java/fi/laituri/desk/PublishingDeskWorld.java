package fi.laituri.desk;

import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the desk-publishing tests work on: documents written by an editor and approved by a publisher (through the
 * services), and readers' comments and feedback sent as a browser on the site sends them (to the test server on
 * loopback only).
 */
final class PublishingDeskWorld {

    static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    private final Documents documents;
    private final Transitions transitions;
    private final URI server;
    private final String site;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** {@code site}: the origin of laituri.site.base-url, where the readers' forms are. */
    PublishingDeskWorld(Documents documents, Transitions transitions, URI server, String site) {
        this.documents = documents;
        this.transitions = transitions;
        this.server = server;
        this.site = site;
    }

    /** A Finnish version of a new document of the kind, approved and so ready to publish; returns its document id. */
    long approved(String kind, String title) {
        long id = documents.createDocument(new Api.CreateDocument(kind, null, List.of(
                new Api.VariantInput("fi", title, null, null, "Teksti.", null, null, null))), EDITOR).id();
        transitions.apply(id, "fi", "submit", null, null, EDITOR);
        transitions.apply(id, "fi", "approve", null, null, PUBLISHER);
        return id;
    }

    long approved(String title) {
        return approved("article", title);
    }

    /** A blog post, published, that takes comments; returns its id. */
    long publishedPost(String title) {
        long id = approved("blog_post", title);
        transitions.apply(id, "fi", "publish", null, null, PUBLISHER);
        return id;
    }

    int comment(long post, String name, String text) {
        return readerPost("/participation/comments", Map.of("document", Long.toString(post), "lang", "fi", "name", name,
                "comment", text, "email", "", "website", ""));
    }

    int feedback(String category, String message) {
        return readerPost("/participation/feedback", Map.of("lang", "fi", "category", category, "message", message,
                "name", "", "email", "", "website", ""));
    }

    /** A GET as anyone without a session: a reviewer following a preview link. */
    int status(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode();
    }

    private int readerPost(String path, Map<String, String> fields) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        int status = send(HttpRequest.newBuilder(server.resolve(path)).header("Origin", site)
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
        if (status != 200 && status != 303) {
            throw new AssertionError(path + " refused the reader's form: " + status);
        }
        return status;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
