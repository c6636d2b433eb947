package fi.laituri.web;

import fi.laituri.security.NotPermitted;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** A refused permission, whether the route's declared rule or a service's language check refused it: 403. */
@Produces
@Singleton
class NotPermittedHandler implements ExceptionHandler<NotPermitted, HttpResponse<Map<String, Object>>> {

    @Override
    public HttpResponse<Map<String, Object>> handle(HttpRequest request, NotPermitted exception) {
        return Problems.response(request, new ProblemException(HttpStatus.FORBIDDEN, "forbidden", exception.getMessage(),
                List.of(), Map.of("permission", exception.permission())));
    }
}
