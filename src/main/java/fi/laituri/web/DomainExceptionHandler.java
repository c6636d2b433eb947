package fi.laituri.web;

import fi.laituri.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one place where a service's {@link DomainException} becomes an HTTP status and a problem document. */
@Produces
@Singleton
class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Map<String, Object>>> {

    @Override
    public HttpResponse<Map<String, Object>> handle(HttpRequest request, DomainException exception) {
        return Problems.response(request, toProblem(exception));
    }

    static ProblemException toProblem(DomainException e) {
        Map<String, Object> extra = new LinkedHashMap<>(e.extra());
        if (extra.get("currentVersion") instanceof Long version) {
            extra.put("currentETag", ETags.of(version));
        }
        return new ProblemException(status(e.kind()), e.type(), e.getMessage(),
                e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList(), extra);
    }

    static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
            case VERSION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
        };
    }
}
