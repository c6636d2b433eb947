package fi.laituri.desk;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A browser at the desk gets pages, not problem documents: not signed in (401), it is sent to the sign-in page; any
 * other refusal (403, 404, 400, ...) is a page in its language saying why. Clients that ask for JSON keep the
 * problem documents of the API.
 */
@ServerFilter({"/desk", "/desk/**"})
class DeskErrors implements Ordered {

    private final DeskTemplates templates;

    DeskErrors(DeskTemplates templates) {
        this.templates = templates;
    }

    @ResponseFilter
    MutableHttpResponse<?> toPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int code = response.code();
        if (code < 400 || !wantsHtml(request)
                || response.getContentType().map(t -> t.toString().startsWith("text/html")).orElse(false)) {
            return response;
        }
        if (code == 401) {
            return response.status(HttpStatus.SEE_OTHER).body(null)
                    .headers(h -> h.location(URI.create("/desk/sign-in")));
        }
        String language = request.getAttribute(io.micronaut.security.filters.SecurityFilter.AUTHENTICATION,
                        io.micronaut.security.authentication.Authentication.class)
                .flatMap(fi.laituri.security.SessionAuthentication::language).orElseGet(() -> language(request));
        Map<String, Object> model = new HashMap<>();
        Object body = response.getBody().orElse(null);
        model.put("status", code);
        model.put("detail", body instanceof Map<?, ?> problem && problem.get("detail") != null
                ? String.valueOf(problem.get("detail")) : response.reason());
        MutableHttpResponse<String> page = Desk.html(HttpStatus.valueOf(code), templates.render("error", language, model));
        response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER).ifPresent(v -> page.header(HttpHeaders.RETRY_AFTER, v));
        return page;
    }

    static boolean wantsHtml(HttpRequest<?> request) {
        return request.getHeaders().getAll(HttpHeaders.ACCEPT).stream().anyMatch(a -> a.contains("text/html"));
    }

    static String language(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
        if (accept != null) {
            for (String part : accept.split(",")) {
                String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
                String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                if (DeskTemplates.LANGUAGES.contains(primary)) {
                    return primary;
                }
            }
        }
        return "fi";
    }

    /** Inside the security headers' filter, so that they still see the page; after the throttle's own answer. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order() + 5;
    }
}
