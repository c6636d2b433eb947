package fi.laituri.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A change to what is public: {@code variant.published}, {@code variant.unpublished}, {@code variant.scheduled}, ... */
@MappedEntity("outbox_event")
public record OutboxEvent(@Id @GeneratedValue Long id, Instant createdAt, String type, Long documentId,
                          String language, @Nullable Integer revision, String payload) {
}
