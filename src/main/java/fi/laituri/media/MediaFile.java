package fi.laituri.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.Map;

/**
 * One uploaded file: its bytes are {@code sha256} in the {@link MediaStore} (shared by rows with the same bytes), the
 * rest describes it. {@code width} and {@code height} are an image's pixels, null for a document; {@code texts} holds
 * its title and alt text by language; a {@code decorative} image needs no alt text and is shown with {@code alt=""}.
 */
@MappedEntity("media")
record MediaFile(@Id String id, String sha256, String fileName, String mediaType, long size, @Nullable Integer width,
                 @Nullable Integer height, boolean decorative, @TypeDef(type = DataType.JSON) Map<String, MediaText> texts,
                 String uploadedBy, @Version Long version, @DateCreated Instant createdAt, @DateUpdated Instant updatedAt) {

    MediaFile withTexts(boolean newDecorative, Map<String, MediaText> newTexts) {
        return new MediaFile(id, sha256, fileName, mediaType, size, width, height, newDecorative, newTexts, uploadedBy,
                version, createdAt, updatedAt);
    }

    boolean isImage() {
        return width != null;
    }
}
