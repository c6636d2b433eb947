package fi.laituri;

import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small client for the editorial API in tests: sends JSON as a given user and returns the status,
 * headers and body whatever the status, so tests can assert on errors as plainly as on successes.
 * A {@code String} body is sent as it is, so tests can send malformed JSON too.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient client;
    private final String token;

    public ApiClient(HttpClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /** A client acting as a new user of the given role. */
    public static ApiClient as(HttpClient client, Users users, Role role) {
        return new ApiClient(client, users.add(role.code() + "-" + UUID.randomUUID().toString().substring(0, 8), role).token());
    }

    /**
     * What came back: the raw body as {@code text}, and as {@code json} (a map, list, string or number)
     * when the body is JSON.
     */
    public record Reply(int status, HttpHeaders headers, Object json, String text, String contentType) {
        public String etag() {
            return headers.get("ETag");
        }

        /** The body when it is a JSON object, else null. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> body() {
            return json instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        }

        /** The body when it is a JSON array, else null. */
        @SuppressWarnings("unchecked")
        public List<Object> list() {
            return json instanceof List<?> l ? (List<Object>) l : null;
        }

        /** The value at a dotted path such as {@code variants.0.slug}; null where the path leads nowhere. */
        @SuppressWarnings("unchecked")
        public <T> T get(String path) {
            Object current = json;
            for (String part : path.split("\\.")) {
                if (current instanceof Map<?, ?> m) {
                    current = m.get(part);
                } else if (current instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
                    current = l.get(Integer.parseInt(part));
                } else {
                    return null;
                }
            }
            return (T) current;
        }
    }

    public Reply get(String uri) {
        return send(HttpMethod.GET, uri, null, null);
    }

    /**
     * Creates a Finnish article as {@code editor} and takes it through review to published with {@code publisher}
     * (the publish must succeed); returns the creation's reply, which names its id and slug.
     */
    public static Reply publishNewArticle(ApiClient editor, ApiClient publisher, String title, String body) {
        Reply created = editor.post("/api/v1/documents", java.util.Map.of("kind", "article",
                "variants", java.util.List.of(java.util.Map.of("language", "fi", "title", title, "body", body))));
        String transitions = "/api/v1/documents/" + created.get("id") + "/variants/fi/transitions";
        editor.post(transitions, java.util.Map.of("action", "submit"));
        publisher.post(transitions, java.util.Map.of("action", "approve"));
        Reply published = publisher.post(transitions, java.util.Map.of("action", "publish"));
        if (published.status() != 200) {
            throw new AssertionError("the publish was refused: " + published.status() + " " + published.text());
        }
        return created;
    }

    public Reply post(String uri, Object body) {
        return send(HttpMethod.POST, uri, body, null);
    }

    public Reply post(String uri, Object body, String ifMatch) {
        return send(HttpMethod.POST, uri, body, ifMatch);
    }

    public Reply put(String uri, Object body, String ifMatch) {
        return send(HttpMethod.PUT, uri, body, ifMatch);
    }

    public Reply patch(String uri, Object body, String ifMatch) {
        return send(HttpMethod.PATCH, uri, body, ifMatch);
    }

    public Reply delete(String uri, String ifMatch) {
        return send(HttpMethod.DELETE, uri, null, ifMatch);
    }

    public Reply send(HttpMethod method, String uri, Object body, String ifMatch) {
        return send(method, uri, body, "application/json", ifMatch);
    }

    /** Sends {@code body} (when not null) as {@code contentType}: an XLIFF file, say. */
    public Reply send(HttpMethod method, String uri, Object body, String contentType, String ifMatch) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, uri);
        if (token != null) {
            request.bearerAuth(token);
        }
        if (body != null) {
            request.body(body).contentType(contentType);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return reply(client.toBlocking().exchange(request, Argument.STRING, Argument.STRING));
        } catch (HttpClientResponseException e) {
            return reply(e.getResponse());
        }
    }

    private static Reply reply(HttpResponse<?> response) {
        String text = response.getBody(String.class).orElse(null);
        return new Reply(response.code(), response.getHeaders(), parse(text), text,
                response.getContentType().map(Object::toString).orElse(null));
    }

    /** The JSON in a body, or null when there is none or it is not JSON (a YAML document, say). */
    private static Object parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
