package fi.laituri.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One published page as search sees it. {@code id} is {@code <key>:<language>}, the same for every revision of
 * a language version, so a republish replaces it. {@code bodyText} is plain text
 * ({@link fi.laituri.markdown.Markdown#toPlainText}).
 */
@Serdeable
public record SearchDocument(String id, String language, String kind, String url, String title, String summary,
                             String bodyText, List<String> tags, List<String> authors,
                             @Nullable OffsetDateTime date) {

    public SearchDocument {
        tags = List.copyOf(tags);
        authors = List.copyOf(authors);
    }

    /** The id of a document's version in a language. */
    public static String id(String key, String language) {
        return key + ":" + language;
    }
}
