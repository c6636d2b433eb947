package fi.laituri.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("audit_entry")
record AuditEntry(@Id @GeneratedValue Long id, Instant at, String actor, String action, @Nullable Long documentId,
                  @Nullable String language, @Nullable Integer revision, @Nullable String fromStatus,
                  @Nullable String toStatus, @Nullable String comment, @Nullable String detail) {
}
