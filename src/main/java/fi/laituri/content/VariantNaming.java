package fi.laituri.content;

import io.micronaut.core.annotation.Introspected;

/** A row of {@link VariantRepository#naming}: MariaDB answers the condition {@code live} as 0 or 1. */
@Introspected
record VariantNaming(long variantId, long documentId, String translationKey, String language, int live) {
}
