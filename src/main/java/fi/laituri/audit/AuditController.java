package fi.laituri.audit;

import fi.laituri.web.EditorialApi;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.DomainException;
import fi.laituri.security.Actor;
import fi.laituri.security.Policy;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

@Tag(name = "audit")
@EditorialApi
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final AuditLog log;

    private final Policy policy;

    AuditController(AuditLog log, Policy policy) {
        this.log = log;
        this.policy = policy;
    }

    @Operation(summary = "Read the audit log", description = "Oldest first. Filters: document id, user, time range [from, to). "
            + "A translator reads only the entries about versions in their languages.")
    @Get
    @Allowed(Permission.READ)
    AuditLog.Page find(@Nullable @QueryValue Long document, @Nullable @QueryValue @Size(max = 100) String user,
                       @Nullable @QueryValue @Size(max = 40) String from, @Nullable @QueryValue @Size(max = 40) String to,
                       @QueryValue(defaultValue = "1") @Min(1) @Max(1000000) int page,
                       @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size, Authentication reader) {
        return log.find(new AuditLog.Query(document, user, time("from", from), time("to", to), page, size,
                policy.readableLanguages(Actor.of(reader)).orElse(null)));
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "a time like 2026-11-22T09:00:00+02:00");
        }
    }
}
