package fi.laituri.security;

import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("api_token")
record ApiToken(@Id @GeneratedValue Long id, Long userId, String tokenHash, @DateCreated Instant createdAt) {
}
