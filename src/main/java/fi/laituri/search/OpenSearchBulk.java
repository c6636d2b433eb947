package fi.laituri.search;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents as NDJSON for OpenSearch's {@code _bulk} API: an {@code index} action naming the language's
 * index ({@code laituri-fi}) and the id, then the document. Written to a temporary file and renamed, so a
 * reader never sees half of it.
 */
@Singleton
class OpenSearchBulk {

    private final JsonMapper json;

    OpenSearchBulk(JsonMapper json) {
        this.json = json;
    }

    void write(Path file, List<SearchDocument> docs) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".bulk-", ".ndjson");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (SearchDocument doc : docs) {
                    Map<String, Object> action = Map.of("index", Map.of("_index", "laituri-" + doc.language(), "_id", doc.id()));
                    out.write(json.writeValueAsBytes(action));
                    out.write('\n');
                    Map<String, Object> source = new LinkedHashMap<>();
                    source.put("id", doc.id());
                    source.put("language", doc.language());
                    source.put("kind", doc.kind());
                    source.put("url", doc.url());
                    source.put("title", doc.title());
                    source.put("summary", doc.summary());
                    source.put("body", doc.bodyText());
                    source.put("tags", doc.tags());
                    source.put("authors", doc.authors());
                    source.put("date", doc.date() == null ? null : doc.date().toString());
                    out.write(json.writeValueAsBytes(source));
                    out.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
