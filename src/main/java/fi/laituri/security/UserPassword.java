package fi.laituri.security;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A user's desk password, as its BCrypt hash only. */
@MappedEntity("user_password")
record UserPassword(@Id Long userId, String hash, Instant changedAt) {
}
