package fi.laituri.cli;

import fi.laituri.search.SearchDocument;
import fi.laituri.search.SearchIndexer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A search node answers searches from index files alone: no database is configured or started. */
class SearchNodeTest {

    @Test
    void aSearchNodeServesSearchWithoutADatabaseAndNothingElse() throws Exception {
        Path site = Files.createTempDirectory("laituri-node-");
        try (ApplicationContext context = SearchNode.start(Map.of("laituri.search.index", site.resolve("search").toString(),
                "micronaut.server.port", -1))) {
            context.getBean(SearchIndexer.class).replaceAll(site, List.of(new SearchDocument("a:fi", "fi", "article",
                    "/fi/a/", "Kotoutumiskoulutus alkaa", "", "Ryhmät aloittavat elokuussa.", List.of(), List.of(), null)));
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.getPort();

            HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search?q=kotoutumiskoulutukseen&lang=fi"))
                    .header("Authorization", "Bearer lt_not-a-token-of-this-node").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> editorial = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/documents"))
                    .header("Authorization", "Bearer lt_not-a-token-of-this-node").build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, search.statusCode(), search.body());
            assertTrue(search.body().contains("\"total\":1"), search.body());
            assertEquals(404, editorial.statusCode());
        }
    }
}
