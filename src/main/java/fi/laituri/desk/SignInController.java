package fi.laituri.desk;

import fi.laituri.security.Allowed;
import fi.laituri.security.Passwords;
import fi.laituri.security.Permission;
import fi.laituri.security.Public;
import fi.laituri.security.SessionAuthentication;
import fi.laituri.security.Sessions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out of the desk. A sign-in always starts a new session (the old cookie's session is ended), so an id
 * planted before sign-in is worth nothing after it. Wrong names and passwords get the same answer, and count towards
 * the sign-in throttle of {@code security.FailureThrottle}.
 */
@Hidden
@Controller("/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignInController {

    private final Passwords passwords;
    private final Sessions sessions;
    private final Desk desk;

    SignInController(Passwords passwords, Sessions sessions, Desk desk) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.desk = desk;
    }

    @Get(uri = "/sign-in", produces = MediaType.TEXT_HTML)
    @Public
    MutableHttpResponse<String> form(HttpRequest<?> request, @Nullable @QueryValue String lang) {
        String language = lang != null && DeskTemplates.LANGUAGES.contains(lang) ? lang : DeskErrors.language(request);
        return desk.anonymousPage(HttpStatus.OK, language, "sign-in", Map.of("name", "", "failed", false,
                "languages", DeskTemplates.LANGUAGES));
    }

    @Post(uri = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Public
    MutableHttpResponse<String> signIn(HttpRequest<?> request, @Body @Nullable String body) {
        DeskForm form = DeskForm.parse(body);
        String language = DeskTemplates.LANGUAGES.contains(form.get("lang")) ? form.get("lang") : DeskErrors.language(request);
        if (crossSite(request)) {
            return desk.anonymousPage(HttpStatus.FORBIDDEN, language, "error",
                    Map.of("status", 403, "detail", "A sign-in from another site's page is refused."));
        }
        String name = form.get("name").strip();
        Optional<fi.laituri.security.Users.Account> account = passwords.check(name, form.get("password"));
        if (account.isEmpty()) {
            Map<String, Object> model = new HashMap<>();
            model.put("name", name);
            model.put("failed", true);
            model.put("languages", DeskTemplates.LANGUAGES);
            return desk.anonymousPage(HttpStatus.UNAUTHORIZED, language, "sign-in", model);
        }
        String previous = request.getCookies().findCookie(SessionAuthentication.COOKIE).map(Cookie::getValue).orElse(null);
        Sessions.Opened opened = sessions.open(account.get(), language, previous);
        return Desk.seeOther("/desk/").cookie(cookie(opened.id(), sessions.idle().toSeconds()));
    }

    @Post(uri = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> signOut(HttpRequest<?> request, @Body @Nullable String body, Authentication user) {
        desk.checkForm(user, DeskForm.parse(body));
        request.getCookies().findCookie(SessionAuthentication.COOKIE).map(Cookie::getValue).ifPresent(sessions::end);
        return Desk.seeOther("/desk/sign-in?lang=" + desk.language(user)).cookie(cookie("", 0));
    }

    @Post(uri = "/sign-out-everywhere", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> signOutEverywhere(@Body @Nullable String body, Authentication user) {
        desk.checkForm(user, DeskForm.parse(body));
        sessions.endAll(user.getName());
        return Desk.seeOther("/desk/sign-in?lang=" + desk.language(user)).cookie(cookie("", 0));
    }

    @Post(uri = "/language", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> language(HttpRequest<?> request, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        String language = form.get("lang");
        if (!DeskTemplates.LANGUAGES.contains(language)) {
            throw fi.laituri.DomainException.invalid("lang", "the desk speaks " + String.join(", ", DeskTemplates.LANGUAGES));
        }
        SessionAuthentication.session(user).ifPresent(s -> sessions.changeLanguage(s, language));
        return Desk.seeOther(samePage(request.getHeaders().get("Referer")));
    }

    /** Back to the desk page the form was on (its Referer), or the desk's home: never to another site. */
    private static String samePage(@Nullable String referer) {
        if (referer == null) {
            return "/desk/";
        }
        try {
            java.net.URI uri = java.net.URI.create(referer);
            String path = uri.getRawPath();
            if (path != null && path.startsWith("/desk/") && !path.startsWith("/desk/sign")) {
                return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            }
        } catch (IllegalArgumentException e) {
            return "/desk/";
        }
        return "/desk/";
    }

    /** HttpOnly (no script reads it), Secure (browsers take it from http://localhost too), SameSite=Strict. */
    static Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.of(SessionAuthentication.COOKIE, value).path("/desk").httpOnly(true).secure(true)
                .sameSite(SameSite.Strict).maxAge(maxAgeSeconds);
    }

    /**
     * A browser says where a form came from (Sec-Fetch-Site, sent by every current browser): another site's page may
     * not sign anyone in (login CSRF). The Host is not compared with Origin, as a proxy in front may change it.
     */
    private static boolean crossSite(HttpRequest<?> request) {
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        return "cross-site".equals(fetchSite) || "null".equals(request.getHeaders().get("Origin"));
    }
}
