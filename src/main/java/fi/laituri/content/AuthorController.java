package fi.laituri.content;

import fi.laituri.web.IfMatchRequired;
import fi.laituri.web.EditorialApi;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.ETags;
import fi.laituri.web.Problem;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;

@Tag(name = "authors")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/authors")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthorController {

    private final Authors authors;

    AuthorController(Authors authors) {
        this.authors = authors;
    }

    @Get
    @Allowed(Permission.READ)
    List<Api.AuthorView> list() {
        return authors.listAuthors();
    }

    @Post
    @Allowed(Permission.MANAGE_AUTHORS)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Api.AuthorView.class)))
    HttpResponse<Api.AuthorView> create(@Body @Valid Api.AuthorInput input, Authentication user) {
        Api.AuthorView a = authors.createAuthor(input, Actor.of(user));
        return HttpResponse.created(a, URI.create("/api/v1/authors/" + a.id())).header("ETag", ETags.of(a.version()));
    }

    @Get("/{id}")
    @Allowed(Permission.READ)
    HttpResponse<Api.AuthorView> get(@PathVariable String id) {
        Api.AuthorView a = authors.getAuthor(id);
        return HttpResponse.ok(a).header("ETag", ETags.of(a.version()));
    }

    @Put("/{id}")
    @Allowed(Permission.MANAGE_AUTHORS)
    @IfMatchRequired
    HttpResponse<Api.AuthorView> update(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch,
                                        @Body @Valid Api.AuthorInput input, Authentication user) {
        Api.AuthorView a = authors.updateAuthor(id, ETags.parse(ifMatch), input, Actor.of(user));
        return HttpResponse.ok(a).header("ETag", ETags.of(a.version()));
    }

    @Delete("/{id}")
    @Allowed(Permission.MANAGE_AUTHORS)
    @IfMatchRequired
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> delete(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch, Authentication user) {
        authors.deleteAuthor(id, ETags.parse(ifMatch), Actor.of(user));
        return HttpResponse.noContent();
    }
}
