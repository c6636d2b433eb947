package fi.laituri.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one gate of every route: its declared {@link Public} or {@link Allowed} rule, checked against
 * {@link Policy} before the request reaches the controller. A route that declares neither is refused to
 * everyone. Anonymous callers of a guarded route get 401; a role without the permission gets
 * {@link NotPermitted}, which the web layer answers with a 403 problem naming the reason.
 */
@Singleton
public class RouteAccess implements SecurityRule<HttpRequest<?>> {

    /** Before Micronaut's own rules (@Secured, sensitive endpoints), so that this one alone decides. */
    static final int ORDER = SecuredAnnotationRule.ORDER - 50;

    /** What a route declares: open to anyone, or the permissions of which a signed-in user needs one. */
    public record Access(boolean open, Set<Permission> anyOf) {

        static final Access OPEN = new Access(true, Set.of());

        static Access of(Permission... permissions) {
            return new Access(false, Set.copyOf(Arrays.asList(permissions)));
        }
    }

    private final Policy policy;
    /** Management endpoints (health, metrics) and whether each is sensitive, from {@code endpoints.<id>.sensitive}. */
    private final Map<ExecutableMethod, Boolean> endpoints;

    RouteAccess(Policy policy, EndpointSensitivityProcessor endpoints) {
        this.policy = policy;
        this.endpoints = endpoints.getEndpointMethods();
    }

    /**
     * The rule a route's method declares; empty when it declares none. Management endpoints cannot carry our
     * annotations: a non-sensitive one is open, a sensitive one needs {@link Permission#MONITOR}.
     */
    public Optional<Access> declared(ExecutableMethod<?, ?> method) {
        Boolean sensitive = endpoints.get(method);
        if (sensitive != null) {
            return Optional.of(sensitive ? Access.of(Permission.MONITOR) : Access.OPEN);
        }
        Permission[] permissions = method.enumValues(Allowed.class, Permission.class);
        if (permissions.length > 0) {
            return Optional.of(Access.of(permissions));
        }
        return method.hasAnnotation(Public.class) ? Optional.of(Access.OPEN) : Optional.empty();
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        RouteMatch<?> route = request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class).orElse(null);
        if (!(route instanceof MethodBasedRouteMatch<?, ?> method)) {
            // No route matched: nothing runs, and the server answers 404 (micronaut.security.reject-not-found: false).
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        Optional<Access> declared = declared(method.getExecutableMethod());
        if (declared.isEmpty()) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        Access access = declared.get();
        if (access.open()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        if (authentication == null) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        try {
            policy.requireAny(Actor.of(authentication), access.anyOf());
            return Publishers.just(SecurityRuleResult.ALLOWED);
        } catch (NotPermitted refused) {
            // An error rather than REJECTED, so that the 403 says which permission the role lacks.
            return Publishers.<SecurityRuleResult>just(refused);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
