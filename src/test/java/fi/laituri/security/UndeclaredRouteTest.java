package fi.laituri.security;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.context.ExecutionHandleLocator;
import io.micronaut.context.annotation.Executable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.DefaultRouteBuilder;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A route whose method declares neither {@link Allowed} nor {@link Public} is closed to everyone. */
@MicronautTest(transactional = false)
class UndeclaredRouteTest extends ApiTest {

    private static final String SWITCH = "laituri.test.undeclared-route";

    /** An endpoint someone forgot to declare a rule for. */
    @Requires(property = SWITCH, value = "true")
    @Singleton
    static class Forgotten {

        @Executable
        String secret() {
            return "nobody should read this";
        }
    }

    /**
     * Its route, built in code: a test {@code @Controller} would make the OpenAPI processor write a second
     * document over the application's on the test classpath.
     */
    @Requires(property = SWITCH, value = "true")
    @Singleton
    static class ForgottenRoute extends DefaultRouteBuilder {

        ForgottenRoute(ExecutionHandleLocator locator, Forgotten forgotten) {
            super(locator);
            GET("/api/v1/forgotten", forgotten, "secret");
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(SWITCH, "true");
    }

    @Test
    void aRouteWithoutADeclaredRuleIsA401WithoutAToken() {
        assertEquals(401, new ApiClient(client, null).get("/api/v1/forgotten").status());
    }

    @Test
    void aRouteWithoutADeclaredRuleIsA403EvenForAnAdmin() {
        ApiClient.Reply reply = ApiClient.as(client, users, Role.ADMIN).get("/api/v1/forgotten");

        assertEquals(403, reply.status(), reply.text());
        assertEquals("application/problem+json", reply.contentType());
    }
}
