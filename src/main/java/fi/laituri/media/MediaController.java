package fi.laituri.media;

import fi.laituri.DomainException;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.IfMatchRequired;
import fi.laituri.web.ETags;
import fi.laituri.web.EditorialApi;
import fi.laituri.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

@Tag(name = "media")
@EditorialApi
@Controller("/api/v1/media")
@ExecuteOn(TaskExecutors.BLOCKING)
class MediaController {

    private final Media media;

    MediaController(Media media) {
        this.media = media;
    }

    @Get
    @Allowed(Permission.READ)
    List<MediaApi.MediaView> list() {
        return media.list();
    }

    /** A file as the part {@code file} of a multipart form; its type is decided from its bytes. */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Allowed(Permission.CREATE_DOCUMENT)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = MediaApi.MediaView.class)))
    @ApiResponse(responseCode = "413", description = "The file is over laituri.media.max-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "Not an accepted type, another type than its name says, or an unclean SVG",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<MediaApi.MediaView> upload(StreamingFileUpload file, Authentication user) {
        if (file == null) {
            throw DomainException.invalid("file", "send the file as the multipart part named file");
        }
        try (InputStream in = file.asInputStream()) {
            MediaApi.MediaView view = media.upload(file.getFilename(), in, Actor.of(user));
            return HttpResponse.created(view, URI.create("/api/v1/media/" + view.id())).header("ETag", ETags.of(view.version()));
        } catch (java.io.IOException e) {
            throw DomainException.invalid("file", "the upload was cut off before its end");
        }
    }

    @Get("/{id}")
    @Allowed(Permission.READ)
    HttpResponse<MediaApi.MediaView> get(@PathVariable String id) {
        MediaApi.MediaView view = media.get(id);
        return HttpResponse.ok(view).header("ETag", ETags.of(view.version()));
    }

    @Get("/{id}/users")
    @Allowed(Permission.READ)
    MediaApi.Users users(@PathVariable String id) {
        return media.users(id);
    }

    @Put("/{id}/texts")
    @Allowed(Permission.CREATE_DOCUMENT)
    @IfMatchRequired
    HttpResponse<MediaApi.MediaView> texts(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch,
                                           @Body @Valid MediaApi.TextsInput input, Authentication user) {
        MediaApi.MediaView view = media.updateTexts(id, ETags.parse(ifMatch), input, Actor.of(user));
        return HttpResponse.ok(view).header("ETag", ETags.of(view.version()));
    }

    @Delete("/{id}")
    @Allowed(Permission.DELETE_DOCUMENT)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    @ApiResponse(responseCode = "409", description = "Content uses the file; the problem lists where",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @IfMatchRequired
    HttpResponse<Void> delete(@PathVariable String id, @Nullable @Header("If-Match") String ifMatch, Authentication user) {
        media.delete(id, ETags.parse(ifMatch), Actor.of(user));
        return HttpResponse.noContent();
    }
}
