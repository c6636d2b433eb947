package fi.laituri.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;
import java.util.Map;

/** Builds problem responses. */
public final class Problems {

    private static final String TYPE_BASE = "https://laituri.fi/problems/";

    private Problems() {
    }

    static String typeUri(String type) {
        return TYPE_BASE + type;
    }

    /** The status a service's failure of this kind is answered with, for the pages that show it (the desk). */
    public static HttpStatus status(fi.laituri.DomainException.Kind kind) {
        return DomainExceptionHandler.status(kind);
    }

    public static MutableHttpResponse<Map<String, Object>> response(HttpRequest<?> request, HttpStatus status, String type,
                                                                    String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(typeUri(type), status.getReason(), status.getCode(), detail,
                request == null ? null : request.getPath(), errors, Map.of());
        return HttpResponse.<Map<String, Object>>status(status).body(problem.toBody()).contentType(Problem.MEDIA_TYPE);
    }

    public static MutableHttpResponse<Map<String, Object>> response(HttpRequest<?> request, ProblemException e) {
        return HttpResponse.<Map<String, Object>>status(e.status())
                .body(e.toProblem(request.getPath()).toBody())
                .contentType(Problem.MEDIA_TYPE);
    }
}
