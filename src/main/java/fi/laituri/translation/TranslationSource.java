package fi.laituri.translation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The revision of the source variant a translated variant was made from; null when the source did not
 * exist yet, so that nothing proves the translation matches it.
 */
@MappedEntity("translation_source")
record TranslationSource(@Id Long variantId, String sourceLanguage, @Nullable Integer sourceRevision,
                         String recordedBy, Instant recordedAt) {
}
