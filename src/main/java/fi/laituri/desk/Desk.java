package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.security.SessionAuthentication;
import fi.laituri.web.Problems;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What every page of the desk shares: the frame (who is signed in, what their role lets them do, the CSRF token for
 * the forms), the check of that token on every form, and the headers of its answers.
 */
@Singleton
class Desk {

    static final String CSRF_FIELD = "csrf";
    /**
     * The desk's own pages: its own script and stylesheet only (no inline script, no event attributes), requests
     * (the live preview) and forms to this origin, never framed.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final DeskTemplates templates;
    private final Policy policy;
    private final jakarta.validation.Validator validator;

    Desk(DeskTemplates templates, Policy policy, jakarta.validation.Validator validator) {
        this.templates = templates;
        this.policy = policy;
        this.validator = validator;
    }

    /** The same checks as the API's {@code @Body @Valid}: a body the API would refuse, the desk refuses too. */
    <T> T valid(T body) {
        java.util.List<DomainException.FieldError> errors = validator.validate(body).stream()
                .map(v -> new DomainException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(java.util.Comparator.comparing(DomainException.FieldError::field)).toList();
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "validation", errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(java.util.stream.Collectors.joining("; ")),
                    errors, Map.of());
        }
        return body;
    }

    /** The language the user chose for the desk (the session's), else Finnish. */
    String language(Authentication user) {
        return SessionAuthentication.language(user).filter(DeskTemplates.LANGUAGES::contains).orElse("fi");
    }

    Map<String, String> words(Authentication user) {
        return templates.messages(language(user));
    }

    /** A page for a signed-in user. */
    MutableHttpResponse<String> page(Authentication user, HttpStatus status, String template, Map<String, Object> model) {
        Actor actor = Actor.of(user);
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("user", Map.of("name", actor.name(), "role", actor.role().code(),
                "languages", actor.languages().stream().sorted().toList()));
        variables.put("csrf", SessionAuthentication.csrf(user).orElse(""));
        Map<String, Boolean> can = new HashMap<>();
        for (Permission p : EnumSet.allOf(Permission.class)) {
            can.put(p.name().toLowerCase(Locale.ROOT), policy.grants(actor.role(), p));
        }
        variables.put("can", can);
        variables.putIfAbsent("section", switch (template) {
            case "document", "edit", "new" -> "documents";
            case "media-file" -> "media";
            default -> template;
        });
        variables.putIfAbsent("flash", "");
        variables.putIfAbsent("error", "");
        return html(status, templates.render(template, language(user), variables));
    }

    MutableHttpResponse<String> page(Authentication user, String template, Map<String, Object> model) {
        return page(user, HttpStatus.OK, template, model);
    }

    /** A page for someone not signed in (the sign-in page, errors). */
    MutableHttpResponse<String> anonymousPage(HttpStatus status, String language, String template, Map<String, Object> model) {
        return html(status, templates.render(template, language, model));
    }

    static MutableHttpResponse<String> html(HttpStatus status, String body) {
        return HttpResponse.<String>status(status).body(body).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** After a form: the page to see next (Post/Redirect/Get), with a message for it. */
    static MutableHttpResponse<String> seeOther(String location) {
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).headers(h -> h.location(URI.create(location)));
    }

    /**
     * Refuses a form that does not carry the session's CSRF token: another site's page cannot know it. A request with
     * a bearer token (no session) needs none, as no other site can make a browser send that header.
     */
    void checkForm(Authentication user, DeskForm form) {
        SessionAuthentication.csrf(user).ifPresent(expected -> {
            if (!sameToken(expected, form.get(CSRF_FIELD))) {
                throw DomainException.forbidden("the form is out of date or came from another site; load the page again");
            }
        });
    }

    void checkToken(Authentication user, String token) {
        SessionAuthentication.csrf(user).ifPresent(expected -> {
            if (!sameToken(expected, token)) {
                throw DomainException.forbidden("the form is out of date or came from another site; load the page again");
            }
        });
    }

    static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static HttpStatus status(DomainException e) {
        return Problems.status(e.kind());
    }
}
