package fi.laituri.content;

import fi.laituri.security.Actor;
import fi.laituri.web.ETags;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;

@Tag(name = "authors")
@Controller("/api/v1/authors")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthorController {

    private final Authors authors;

    AuthorController(Authors authors) {
        this.authors = authors;
    }

    @Get
    List<Api.AuthorView> list() {
        return authors.listAuthors();
    }

    @Post
    HttpResponse<Api.AuthorView> create(@Body @Valid Api.AuthorInput input, Authentication user) {
        Api.AuthorView a = authors.createAuthor(input, Actor.of(user));
        return HttpResponse.created(a, URI.create("/api/v1/authors/" + a.id())).header("ETag", ETags.of(a.version()));
    }

    @Get("/{id}")
    HttpResponse<Api.AuthorView> get(@PathVariable String id) {
        Api.AuthorView a = authors.getAuthor(id);
        return HttpResponse.ok(a).header("ETag", ETags.of(a.version()));
    }

    @Put("/{id}")
    HttpResponse<Api.AuthorView> update(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch,
                                        @Body @Valid Api.AuthorInput input, Authentication user) {
        Api.AuthorView a = authors.updateAuthor(id, ETags.parse(ifMatch), input, Actor.of(user));
        return HttpResponse.ok(a).header("ETag", ETags.of(a.version()));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch, Authentication user) {
        authors.deleteAuthor(id, ETags.parse(ifMatch), Actor.of(user));
        return HttpResponse.noContent();
    }
}
