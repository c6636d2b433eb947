package fi.laituri.media;

import fi.laituri.DomainException;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.IfMatchRequired;
import fi.laituri.web.ETags;
import fi.laituri.web.EditorialApi;
import fi.laituri.web.Problem;
import fi.laituri.web.SecurityHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.types.files.StreamedFile;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    @ApiResponse(responseCode = "200", description = "The library has these bytes already: the file that has them,"
            + " unchanged; Content-Location names it", content = @Content(mediaType = "application/json",
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
            Media.Uploaded uploaded = media.upload(file.getFilename(), in, Actor.of(user));
            MediaApi.MediaView view = uploaded.view();
            String location = "/api/v1/media/" + view.id();
            if (!uploaded.created()) {
                return HttpResponse.ok(view).header(HttpHeaders.CONTENT_LOCATION, location)
                        .header("ETag", ETags.of(view.version()));
            }
            return HttpResponse.created(view, URI.create(location)).header("ETag", ETags.of(view.version()));
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

    /**
     * The bytes as uploaded, always as an attachment under the uploaded name; the ETag is their SHA-256. An SVG
     * opened on its own cannot run script ({@link SecurityHeaders#SVG_POLICY}).
     */
    @Get(uri = "/{id}/file", produces = MediaType.ALL)
    @Allowed(Permission.READ)
    @ApiResponse(responseCode = "200", description = "The file's bytes, of its own type", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.oasis.opendocument.text", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "304", description = "If-None-Match names these bytes")
    HttpResponse<?> file(@PathVariable String id, @Nullable @Header("If-None-Match") String ifNoneMatch)
            throws IOException {
        Media.Original original = media.original(id);
        String etag = "\"" + original.sha256() + "\"";
        if (matches(ifNoneMatch, etag)) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
        }
        MutableHttpResponse<StreamedFile> response = HttpResponse.ok(new StreamedFile(original.opener().open(),
                        MediaType.of(original.mediaType()), 0, original.size()))
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(original.fileName()))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (original.mediaType().equals(FileKind.SVG.mediaType)) {
            response.header("Content-Security-Policy", SecurityHeaders.SVG_POLICY);
        }
        return response;
    }

    private static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code attachment} with the name twice (RFC 6266): {@code filename} in ASCII, every other character, quote and
     * backslash an underscore, for old clients; {@code filename*} the name itself, percent-encoded UTF-8 (RFC 8187).
     */
    static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
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
