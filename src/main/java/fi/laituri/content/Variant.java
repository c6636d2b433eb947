package fi.laituri.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/**
 * One language version of a document: its current (working) content, its status and the number of
 * its latest revision. {@code version} guards every write against lost updates.
 */
@MappedEntity("variant")
record Variant(@Id @GeneratedValue Long id, Long documentId, String language, String slug, String title,
               String summary, String body, @TypeDef(type = DataType.JSON) List<String> tags,
               @TypeDef(type = DataType.JSON) List<String> authors, @Nullable Instant contentDate, String status,
               int revision, String contentHash, @Version Long version,
               @DateCreated Instant createdAt, @DateUpdated Instant updatedAt) {

    VariantContent content() {
        return new VariantContent(slug, title, summary, body, tags, authors, contentDate);
    }

    Variant withContent(VariantContent c, int newRevision) {
        return new Variant(id, documentId, language, c.slug(), c.title(), c.summary(), c.body(), c.tags(),
                c.authors(), c.date(), status, newRevision, c.hash(), version, createdAt, updatedAt);
    }

    Variant withStatus(Status newStatus) {
        return new Variant(id, documentId, language, slug, title, summary, body, tags, authors, contentDate,
                newStatus.code(), revision, contentHash, version, createdAt, updatedAt);
    }
}
