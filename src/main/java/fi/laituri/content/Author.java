package fi.laituri.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** A writer of blog posts, as the byline shows them: name, title and organisation. */
@MappedEntity("author")
record Author(@Id String id, String name, @Nullable String title, @Nullable String organisation, @Version Long version,
              @DateCreated Instant createdAt, @DateUpdated Instant updatedAt) {

    Author with(String newName, String newTitle, String newOrganisation) {
        return new Author(id, newName, newTitle, newOrganisation, version, createdAt, updatedAt);
    }
}
