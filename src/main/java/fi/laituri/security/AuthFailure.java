package fi.laituri.security;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A client's shared bucket of allowed failures of one kind: the tokens left at {@code updatedAt}. */
@MappedEntity("auth_failure")
record AuthFailure(@Id String clientKey, double tokens, Instant updatedAt) {
}
