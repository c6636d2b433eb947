package fi.laituri.security;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A signed-in desk session: the SHA-256 of its cookie's value, its user, its CSRF token and the desk's language. */
@MappedEntity("desk_session")
record DeskSession(@Id String idHash, Long userId, String csrf, String language, Instant createdAt, Instant seenAt) {
}
