package fi.laituri.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Only the SHA-256 of a token is kept. {@code expiresAt} null: the token does not expire. */
@MappedEntity("api_token")
record ApiToken(@Id @GeneratedValue Long id, Long userId, String tokenHash, @DateCreated Instant createdAt,
                @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {

    boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
