package fi.laituri.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import jakarta.inject.Named;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Signs in the desk's requests by their session cookie. Only under {@code /desk/}: the API never takes the cookie, so a
 * page of another site cannot make a browser call the API as its user. The session's id and CSRF token ride along as
 * attributes, and every form of the desk must carry that token. The lookup runs off the event loop.
 */
@Singleton
@Requires(property = "laituri.search.node", notEquals = "true") // a search node has no database and no desk
public class SessionAuthentication implements AuthenticationFetcher<HttpRequest<?>> {

    /** The cookie: HttpOnly, Secure, SameSite=Strict, Path=/desk (browsers take Secure cookies from http://localhost). */
    public static final String COOKIE = "laituri_desk";
    static final String SESSION = "deskSession";
    static final String CSRF = "csrf";
    static final String LANGUAGE = "deskLanguage";

    private final Sessions sessions;
    private final ExecutorService blocking;

    SessionAuthentication(Sessions sessions, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String path = request.getPath();
        if (!(path.equals("/desk") || path.startsWith("/desk/"))) {
            return Publishers.empty();
        }
        Optional<String> id = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
        if (id.isEmpty()) {
            return Publishers.empty();
        }
        CompletableFuture<Authentication> lookup = CompletableFuture.supplyAsync(() -> sessions.find(id.get())
                .map(s -> Actor.authentication(s.account(), Map.of(SESSION, s.idHash(), CSRF, s.csrf(), LANGUAGE, s.language())))
                .orElse(null), blocking);
        return Publishers.fromCompletableFuture(lookup);
    }

    /** The session's id (its hash) when the user signed in at the desk; empty for a bearer token. */
    public static Optional<String> session(Authentication user) {
        return Optional.ofNullable(user.getAttributes().get(SESSION)).map(String::valueOf);
    }

    /** The token every form of the session must carry; empty for a bearer token, which no other site can send. */
    public static Optional<String> csrf(Authentication user) {
        return Optional.ofNullable(user.getAttributes().get(CSRF)).map(String::valueOf);
    }

    public static Optional<String> language(Authentication user) {
        return Optional.ofNullable(user.getAttributes().get(LANGUAGE)).map(String::valueOf);
    }

    /** Before the bearer token: a desk request with a session is the session's, and needs its CSRF token. */
    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER - 10;
    }
}
