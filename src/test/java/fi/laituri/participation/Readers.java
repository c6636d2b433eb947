package fi.laituri.participation;

import fi.laituri.ApiClient;

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
import java.util.stream.Collectors;

/**
 * A reader's browser as the service sees it: form posts to the test server (loopback only) with the headers a
 * browser sends from the site's pages, and a publisher's blog post to comment on.
 */
final class Readers {

    /** The site's origin in the tests: the default laituri.site.base-url. */
    static final String SITE = "http://localhost:8080";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI server;

    Readers(URI server) {
        this.server = server;
    }

    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
    }

    /** A form post as a browser on a page of the site makes it. */
    Answer post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of("Origin", SITE, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
    }

    Answer post(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(server.resolve(path)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> comment(long post, String name, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("document", Long.toString(post));
        form.put("lang", "fi");
        form.put("name", name);
        form.put("comment", text);
        form.put("email", "");
        form.put("website", "");
        return form;
    }

    /** A Finnish blog post, published; returns its id and slug. */
    static Map<String, String> publishPost(ApiClient editor, ApiClient publisher, String title) {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "blog_post",
                "variants", List.of(Map.of("language", "fi", "title", title, "body", "Kirjoituksen teksti."))));
        String transitions = "/api/v1/documents/" + created.get("id") + "/variants/fi/transitions";
        editor.post(transitions, Map.of("action", "submit"));
        publisher.post(transitions, Map.of("action", "approve"));
        ApiClient.Reply published = publisher.post(transitions, Map.of("action", "publish"));
        if (published.status() != 200) {
            throw new AssertionError("the publish was refused: " + published.status() + " " + published.text());
        }
        return Map.of("id", String.valueOf(created.<Object>get("id")), "slug", created.get("variants.0.slug"));
    }
}
