package fi.laituri.search.lucene;

import fi.laituri.ApiClient;
import fi.laituri.DatabaseTest;
import fi.laituri.FileTrees;
import fi.laituri.search.SearchDocument;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /health} reports a new index that cannot be opened, while search goes on from the one before. */
@MicronautTest(transactional = false)
class IndexHealthTest extends DatabaseTest {

    private final Path search = temp();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    LuceneIndexer indexer;

    @Inject
    LuceneSearchIndex index;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.search.index", search.toString());
    }

    @AfterAll
    void deleteIndex() throws IOException {
        FileTrees.delete(search);
    }

    @Inject
    Users users;

    @Test
    void aCorruptNewIndexMakesHealthDownWithTheReasonWhileSearchAnswersFromTheOldOne() throws IOException {
        ApiClient anonymous = new ApiClient(client, null);
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);
        indexer.replaceAll(search, List.of(new SearchDocument("a:fi", "fi", "article", "/fi/a/", "Kotoutumisviikko",
                "", "Ohjelma julkaistaan pian.", List.of(), List.of(), null)));
        index.refreshSoon();
        assertEquals(200, anonymous.get("/health").status());
        Path corrupt = IndexFiles.newBuild(search);
        Files.writeString(corrupt.resolve("segments_1"), "not an index");

        IndexFiles.swap(search, corrupt);
        index.refreshSoon();

        ApiClient.Reply found = anonymous.get("/api/search?q=kotoutumisviikko&lang=fi");
        assertEquals(200, found.status());
        assertEquals(1, ((Number) found.get("total")).intValue());
        assertEquals(503, anonymous.get("/health/readiness").status());
        ApiClient.Reply health = admin.get("/health");
        assertEquals(503, health.status());
        assertEquals("DOWN", health.get("status"));
        Map<String, Object> details = health.get("details.search-index.details");
        assertEquals(corrupt.toRealPath().toString(), details.get("failed"));
        assertTrue(details.get("reason").toString().contains("segments_1"), details.toString());
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("laituri-index-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
