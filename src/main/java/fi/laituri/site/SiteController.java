package fi.laituri.site;

import fi.laituri.security.Public;
import fi.laituri.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/**
 * Other methods than GET and HEAD on paths no route claims: nothing is here. ({@link SiteFiles} serves the
 * site's files; without these routes, such a request would reach the security check as an unknown route.)
 */
@Hidden
@Controller
@Public
class SiteController {

    @Post("/{+path}")
    @Put("/{+path}")
    @Patch("/{+path}")
    @Delete("/{+path}")
    MutableHttpResponse<?> nothingHere(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return Problems.response(request, HttpStatus.NOT_FOUND, "not-found", "Nothing is here.", List.of());
    }
}
