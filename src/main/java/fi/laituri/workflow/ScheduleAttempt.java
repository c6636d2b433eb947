package fi.laituri.workflow;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * Failed attempts at a variant's scheduled {@code action} ({@code publish} or {@code unpublish}) due at
 * {@code dueAt}: how many, when to try again, and the last error. A new time starts the count afresh.
 */
@MappedEntity("schedule_attempt")
record ScheduleAttempt(@Id Long variantId, String action, Instant dueAt, int failures, Instant retryAt, String lastError) {

    static final String PUBLISH = "publish";
    static final String UNPUBLISH = "unpublish";
}
