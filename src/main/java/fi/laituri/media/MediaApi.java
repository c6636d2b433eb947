package fi.laituri.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the media API. */
public final class MediaApi {

    private MediaApi() {
    }

    /**
     * A file as the API shows it; {@code GET /api/v1/media/{id}/file} serves its bytes.
     *
     * @param width  an image's width in pixels (an SVG's in CSS pixels); null for a document
     * @param texts  title and alt text by language code
     */
    @Serdeable
    public record MediaView(String id, String fileName, String mediaType, long size, @Nullable Integer width,
                            @Nullable Integer height, boolean decorative, Map<String, MediaText> texts,
                            String sha256, String uploadedBy, Instant uploadedAt, long version, String reference) {
    }

    /** The texts of a file, replaced whole: languages left out have none. */
    @Serdeable
    public record TextsInput(@Nullable Boolean decorative, @NotNull Map<String, @Valid MediaText> texts) {
    }

    /** A language version whose text (working or live) uses a file. */
    @Serdeable
    public record User(long documentId, String key, String language, boolean live) {
    }

    @Serdeable
    public record Users(List<User> users) {
    }
}
