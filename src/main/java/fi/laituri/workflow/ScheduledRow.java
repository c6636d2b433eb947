package fi.laituri.workflow;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A language version with a publication or an unpublication waiting for its time. */
@Introspected
record ScheduledRow(Long documentId, String language, String title, @Nullable Instant publishAt,
                    @Nullable Instant unpublishAt) {
}
