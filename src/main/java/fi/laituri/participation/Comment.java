package fi.laituri.participation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A reader's comment on a post in one language; {@code email} is never shown nor exported. */
@MappedEntity("comment")
record Comment(@Id @GeneratedValue Long id, long documentId, String language, String name, @Nullable String email,
               String body, String state, Instant createdAt, @Nullable Instant decidedAt, @Nullable String decidedBy,
               @Nullable String reply, @Nullable String replyBy, @Nullable Instant repliedAt) {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";

    Comment decided(String newState, Instant at, String by) {
        return new Comment(id, documentId, language, name, email, body, newState, createdAt, at, by, reply, replyBy,
                repliedAt);
    }

    Comment replied(@Nullable String text, Instant at, String by) {
        return new Comment(id, documentId, language, name, email, body, state, createdAt, decidedAt, decidedBy, text,
                text == null ? null : by, text == null ? null : at);
    }
}
