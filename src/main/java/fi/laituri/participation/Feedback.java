package fi.laituri.participation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A reader's feedback; anonymous when it has no name nor e-mail. {@code replyBy} only for accessibility feedback. */
@MappedEntity("feedback")
record Feedback(@Id @GeneratedValue Long id, String language, String category, String message, @Nullable String name,
                @Nullable String email, @Nullable String page, Instant createdAt, @Nullable LocalDate replyBy,
                @Nullable Instant handledAt, @Nullable String handledBy, @Nullable String note) {

    static final List<String> CATEGORIES = List.of("general", "content_error", "accessibility", "other");

    Feedback handled(Instant at, String by, @Nullable String withNote) {
        return new Feedback(id, language, category, message, name, email, page, createdAt, replyBy, at, by, withNote);
    }
}
