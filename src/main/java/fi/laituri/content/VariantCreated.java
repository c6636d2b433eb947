package fi.laituri.content;

/**
 * A language version was just created; published synchronously inside the creating transaction, so a
 * listener's writes commit or roll back with it (translation tracking records its source revision).
 */
public record VariantCreated(long documentId, long variantId, String language, String actor) {
}
