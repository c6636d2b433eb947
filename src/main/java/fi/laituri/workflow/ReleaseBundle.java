package fi.laituri.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** A named bundle of language versions published together: {@code pending}, {@code scheduled}, {@code published}, {@code failed}. */
@MappedEntity("release_bundle")
record ReleaseBundle(@Id @GeneratedValue Long id, String name, String status, @Nullable Instant publishAt,
                     @Nullable String failure, String createdBy, Instant createdAt, @Nullable Instant publishedAt,
                     @Version Long version) {

    ReleaseBundle with(String newStatus, Instant newPublishAt, String newFailure, Instant newPublishedAt) {
        return new ReleaseBundle(id, name, newStatus, newPublishAt, newFailure, createdBy, createdAt, newPublishedAt, version);
    }
}
