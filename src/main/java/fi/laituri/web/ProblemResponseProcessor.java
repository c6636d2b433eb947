package fi.laituri.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Renders the framework's own errors (unknown route, malformed JSON, body too large, failed bean
 * validation, missing authentication) as problem documents, like our domain errors.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class ProblemResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        List<Problem.FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> fieldError(e.getPath().get(), e.getMessage()))
                .toList();
        String detail = detail(status, context);
        Problem problem = new Problem(Problems.typeUri(type(status, errors)), status.getReason(), status.getCode(), detail,
                context.getRequest().getPath(), errors, Map.of());
        return base.body(problem.toBody()).contentType(Problem.MEDIA_TYPE);
    }

    private static String type(HttpStatus status, List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            return "validation";
        }
        return switch (status) {
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case REQUEST_ENTITY_TOO_LARGE -> "body-too-large";
            case BAD_REQUEST -> "bad-request";
            default -> status.getCode() >= 500 ? "server-error" : "http-" + status.getCode();
        };
    }

    private static String detail(HttpStatus status, ErrorContext context) {
        if (status.getCode() >= 500) {
            return "Something went wrong on our side; the request was not applied.";
        }
        return switch (status) {
            case UNAUTHORIZED -> "Send a valid API token: Authorization: Bearer <token>.";
            case FORBIDDEN -> "Your role does not allow this.";
            case NOT_FOUND -> "Nothing is here.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than this server accepts.";
            default -> context.getErrors().isEmpty()
                    ? status.getReason()
                    : context.getErrors().get(0).getPath().isPresent()
                    ? "The request has invalid fields."
                    : withoutSourceLocation(context.getErrors().get(0).getMessage());
        };
    }

    private static Problem.FieldError fieldError(String path, String message) {
        String field = path.startsWith("/") ? path.substring(1) : fieldName(path);
        return new Problem.FieldError(field, withoutSourceLocation(message));
    }

    private static String withoutSourceLocation(String message) {
        int at = message.indexOf("\n at [Source");
        return at < 0 ? message : message.substring(0, at);
    }

    /** Bean validation paths look like {@code create.body.title}; the client knows only {@code title}. */
    private static String fieldName(String path) {
        String[] parts = path.split("\\.");
        int start = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("body") || parts[i].equals("request")) {
                start = i + 1;
            }
        }
        if (start == 0 && parts.length > 1) {
            start = 1;
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, Math.min(start, parts.length - 1), parts.length));
    }
}
