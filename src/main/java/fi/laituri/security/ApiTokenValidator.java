package fi.laituri.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Accepts a bearer token when its hash is in the database; the lookup runs off the event loop. */
@Singleton
class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final Users users;
    private final ExecutorService blocking;

    ApiTokenValidator(Users users, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.users = users;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        CompletableFuture<Authentication> lookup = CompletableFuture.supplyAsync(
                () -> users.authenticate(token)
                        .map(a -> Actor.authentication(a, Map.of()))
                        .orElse(null),
                blocking);
        return Publishers.fromCompletableFuture(lookup);
    }
}
