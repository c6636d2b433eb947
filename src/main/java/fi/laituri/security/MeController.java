package fi.laituri.security;

import fi.laituri.web.EditorialApi;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Collection;

@Tag(name = "users")
@EditorialApi
@Controller("/api/v1/me")
class MeController {

    @Serdeable
    record Me(String name, Collection<String> roles) {
    }

    /** Who the token belongs to: a quick way for a client to check its token. */
    @Get
    @Allowed(Permission.READ)
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getRoles());
    }
}
