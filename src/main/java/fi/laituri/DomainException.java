package fi.laituri;

import java.util.List;
import java.util.Map;

/**
 * A failure of a service's rule that the caller caused and can act on: the thing is not there, the request
 * conflicts with the current state, a field is invalid, the caller's copy is stale. Services throw it and know
 * nothing of HTTP; the web layer maps each {@link Kind} to one status and a problem document, once.
 */
public class DomainException extends RuntimeException {

    /** What went wrong, as the caller must act on it. */
    public enum Kind {
        /** The named thing does not exist (or is not visible to the caller). */
        NOT_FOUND,
        /** The request is well formed but conflicts with the current state. */
        CONFLICT,
        /** Fields of the request are invalid; {@link #errors()} names them. */
        INVALID,
        /** The request is valid but its content cannot be processed (e.g. unrenderable Markdown). */
        UNPROCESSABLE,
        /** A rule of the workflow (not a role's permission) refuses the caller. */
        FORBIDDEN,
        /** The content's type is not one that is accepted (decided from its bytes). */
        UNSUPPORTED_TYPE,
        /** The content is over its size limit. */
        TOO_LARGE,
        /** The caller's version is stale. */
        STALE_VERSION,
        /** The caller did not say which version it changes. */
        VERSION_REQUIRED
    }

    /** A field at fault and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String type;
    private final List<FieldError> errors;
    private final Map<String, Object> extra;

    public DomainException(Kind kind, String type, String detail, List<FieldError> errors, Map<String, Object> extra) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extra = Map.copyOf(extra);
    }

    public static DomainException notFound(String detail) {
        return new DomainException(Kind.NOT_FOUND, "not-found", detail, List.of(), Map.of());
    }

    public static DomainException conflict(String type, String detail) {
        return conflict(type, detail, Map.of());
    }

    public static DomainException conflict(String type, String detail, Map<String, Object> extra) {
        return new DomainException(Kind.CONFLICT, type, detail, List.of(), extra);
    }

    public static DomainException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static DomainException invalid(List<FieldError> errors) {
        return new DomainException(Kind.INVALID, "validation", "The request has invalid fields.", errors, Map.of());
    }

    /** A request that is not well formed as a whole (an XLIFF file, say), with a type of its own. */
    public static DomainException malformed(String type, String detail) {
        return new DomainException(Kind.INVALID, type, detail, List.of(), Map.of());
    }

    public static DomainException unprocessable(String type, String detail) {
        return new DomainException(Kind.UNPROCESSABLE, type, detail, List.of(), Map.of());
    }

    public static DomainException unsupportedType(String detail) {
        return new DomainException(Kind.UNSUPPORTED_TYPE, "unsupported-type", detail, List.of(), Map.of());
    }

    public static DomainException tooLarge(String detail) {
        return new DomainException(Kind.TOO_LARGE, "too-large", detail, List.of(), Map.of());
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(Kind.FORBIDDEN, "forbidden", detail, List.of(), Map.of());
    }

    public static DomainException preconditionFailed(long currentVersion) {
        return new DomainException(Kind.STALE_VERSION, "stale-version",
                "The resource has changed since you read it; fetch it again and reapply your change.",
                List.of(), Map.of("currentVersion", currentVersion));
    }

    public static DomainException preconditionRequired(long currentVersion) {
        return new DomainException(Kind.VERSION_REQUIRED, "if-match-required",
                "Send an If-Match header with the ETag you read, so that no one's change is overwritten.",
                List.of(), Map.of("currentVersion", currentVersion));
    }

    public Kind kind() {
        return kind;
    }

    /** A short name for the problem type ("stale-version"), stable for clients. */
    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Members the problem document adds (the current state, the current version). */
    public Map<String, Object> extra() {
        return extra;
    }
}
