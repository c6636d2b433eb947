package fi.laituri.content;

import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;

@Tag(name = "authors")
@Controller("/api/v1/authors")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthorController {

    private final ContentService content;

    AuthorController(ContentService content) {
        this.content = content;
    }

    @Get
    @Allowed(Permission.READ)
    List<Api.AuthorView> list() {
        return content.listAuthors();
    }

    @Post
    @Allowed(Permission.MANAGE_AUTHORS)
    HttpResponse<Api.AuthorView> create(@Body @Valid Api.AuthorInput input, Authentication user) {
        Api.AuthorView a = content.createAuthor(input, Actor.of(user));
        return HttpResponse.created(a, URI.create("/api/v1/authors/" + a.id())).header("ETag", ETags.of(a.version()));
    }

    @Get("/{id}")
    @Allowed(Permission.READ)
    HttpResponse<Api.AuthorView> get(@PathVariable String id) {
        Api.AuthorView a = content.getAuthor(id);
        return HttpResponse.ok(a).header("ETag", ETags.of(a.version()));
    }

    @Put("/{id}")
    @Allowed(Permission.MANAGE_AUTHORS)
    HttpResponse<Api.AuthorView> update(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch,
                                        @Body @Valid Api.AuthorInput input, Authentication user) {
        Api.AuthorView a = content.updateAuthor(id, ETags.parse(ifMatch), input, Actor.of(user));
        return HttpResponse.ok(a).header("ETag", ETags.of(a.version()));
    }

    @Delete("/{id}")
    @Allowed(Permission.MANAGE_AUTHORS)
    HttpResponse<Void> delete(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch, Authentication user) {
        content.deleteAuthor(id, ETags.parse(ifMatch), Actor.of(user));
        return HttpResponse.noContent();
    }
}
