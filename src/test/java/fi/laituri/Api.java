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

import java.util.Map;
import java.util.UUID;

/**
 * A small client for the editorial API in tests: sends JSON as a given user and returns the status,
 * headers and body whatever the status, so tests can assert on errors as plainly as on successes.
 */
public final class Api {

    private final HttpClient client;
    private final String token;

    public Api(HttpClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /** A client acting as a new user of the given role. */
    public static Api as(HttpClient client, Users users, Role role) {
        return new Api(client, users.add(role.code() + "-" + UUID.randomUUID().toString().substring(0, 8), role).token());
    }

    public record Reply(int status, HttpHeaders headers, Map<String, Object> body, String contentType) {
        public String etag() {
            return headers.get("ETag");
        }

        @SuppressWarnings("unchecked")
        public <T> T get(String path) {
            Object current = body;
            for (String part : path.split("\\.")) {
                if (current instanceof Map<?, ?> m) {
                    current = m.get(part);
                } else if (current instanceof java.util.List<?> l) {
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
        MutableHttpRequest<Object> request = HttpRequest.create(method, uri);
        if (token != null) {
            request.bearerAuth(token);
        }
        if (body != null) {
            request.body(body).contentType("application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<Map> response = client.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Map.class));
            return reply(response);
        } catch (HttpClientResponseException e) {
            return reply(e.getResponse());
        }
    }

    @SuppressWarnings("unchecked")
    private static Reply reply(HttpResponse<?> response) {
        Map<String, Object> body = response.getBody(Map.class).orElse(null);
        return new Reply(response.code(), response.getHeaders(), body,
                response.getContentType().map(Object::toString).orElse(null));
    }
}
