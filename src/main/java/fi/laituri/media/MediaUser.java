package fi.laituri.media;

import io.micronaut.core.annotation.Introspected;

/** A row of {@link MediaRepository#users}: a language version that names a file, and whether its live text does. */
@Introspected
record MediaUser(long variantId, long documentId, String translationKey, String language, int live) {

    /** Whether the live revision names the file (MariaDB answers a condition as 0 or 1). */
    boolean isLive() {
        return live != 0;
    }
}
