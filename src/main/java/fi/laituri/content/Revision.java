package fi.laituri.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/** An immutable snapshot of a variant's content, written at every save; never updated. */
@MappedEntity("revision")
public record Revision(@Id @GeneratedValue Long id, Long variantId, int number, String slug, String title, String summary,
                String body, @TypeDef(type = DataType.JSON) List<String> tags,
                @TypeDef(type = DataType.JSON) List<String> authors, @Nullable Instant contentDate,
                String contentHash, @Nullable Integer restoredFrom, String createdBy, @DateCreated Instant createdAt) {

    static Revision of(Variant v, Integer restoredFrom, String createdBy) {
        return new Revision(null, v.id(), v.revision(), v.slug(), v.title(), v.summary(), v.body(), v.tags(),
                v.authors(), v.contentDate(), v.contentHash(), restoredFrom, createdBy, null);
    }

    VariantContent content() {
        return new VariantContent(slug, title, summary, body, tags, authors, contentDate);
    }
}
