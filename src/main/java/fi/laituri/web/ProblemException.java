package fi.laituri.web;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** A domain failure that the client caused and can act on; rendered once, as a problem document. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extra;

    public ProblemException(HttpStatus status, String type, String detail,
                            List<Problem.FieldError> errors, Map<String, Object> extra) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extra = Map.copyOf(extra);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", detail, List.of(), Map.of());
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, type, detail, List.of(), Map.of());
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields.",
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    /** 415: a body or file of a type this route does not take, or not the type it claims to be. */
    public static ProblemException unsupportedType(String detail) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-type", detail, List.of(), Map.of());
    }

    /** 413: a body or file over its size limit. */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", detail, List.of(), Map.of());
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields.", errors, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problems.typeUri(type), status.getReason(), status.getCode(), getMessage(), instance, errors, extra);
    }
}
