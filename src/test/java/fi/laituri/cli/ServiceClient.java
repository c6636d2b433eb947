package fi.laituri.cli;

import fi.laituri.TestDatabase;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The client side of a {@code laituri serve} process under test: the environment that points it at a test database
 * with a known admin token, and JSON calls that carry that token.
 */
final class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    ServiceClient(String token) {
        this.token = token;
    }

    /** What {@code serve} needs to run on {@code database} with this client's token as its admin token. */
    Map<String, String> environment(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("LAITURI_DB_URL", TestDatabase.url(database));
        env.put("LAITURI_DB_USER", TestDatabase.user());
        env.put("LAITURI_DB_PASSWORD", TestDatabase.password());
        env.put("LAITURI_ADMIN_TOKEN", token);
        env.put("LAITURI_WORKFLOW_FOUR_EYES", "false");
        env.put("LAITURI_SITE_BASE_URL", "http://127.0.0.1");
        env.put("LAITURI_REQUEST_LOG_LEVEL", "WARN");
        return env;
    }

    HttpResponse<String> post(String uri, Object body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String body) throws IOException {
        return JSON.readValue(body, Map.class);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
