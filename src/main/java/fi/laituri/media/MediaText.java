package fi.laituri.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** What a file is called and, for an image, what it shows, in one language. */
@Serdeable
public record MediaText(@Nullable @Size(max = 300) String title, @Nullable @Size(max = 1000) String alt) {

    boolean hasAlt() {
        return alt != null && !alt.isBlank();
    }
}
