package fi.laituri.content;

import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** A piece of content in every language; {@code translationKey} ties its language versions together. */
@MappedEntity("document")
public record Document(@Id @GeneratedValue Long id, String kind, String translationKey, @Version Long version,
                @DateCreated Instant createdAt, @DateUpdated Instant updatedAt) {

    Document withKey(String key, String newKind) {
        return new Document(id, newKind, key, version, createdAt, updatedAt);
    }
}
