package fi.laituri.media;

import io.micronaut.core.annotation.Introspected;

/** A row of {@link MediaRepository#users}: a language version that names a file, and whether its live text does. */
@Introspected
record MediaUser(long variantId, long documentId, String translationKey, String language, boolean live) {
}
