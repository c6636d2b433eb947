package fi.laituri.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A link that shows one variant's working content to whoever holds its token, until it expires or is
 * revoked. Times come from the application's clock, not the database's.
 */
@MappedEntity("preview_link")
record PreviewLink(@Id @GeneratedValue Long id, String tokenHash, Long variantId, Long documentId, String language,
                   String createdBy, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt) {

    boolean isOpenAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    PreviewLink withRevokedAt(Instant now) {
        return new PreviewLink(id, tokenHash, variantId, documentId, language, createdBy, createdAt, expiresAt, now);
    }
}
