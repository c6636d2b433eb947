package fi.laituri.participation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A publisher's word on whether one post takes comments, over its kind's default. */
@MappedEntity("comment_switch")
record CommentSwitch(@Id Long documentId, boolean open, String changedBy, Instant changedAt) {
}
