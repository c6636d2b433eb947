package fi.laituri.workflow;

import fi.laituri.media.SiteMedia;
import fi.laituri.security.Public;
import fi.laituri.web.SecurityHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.types.files.StreamedFile;
import java.io.IOException;

import fi.laituri.web.HtmlNegotiation;
import fi.laituri.web.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The draft behind a preview link, for a reviewer without an account. The token in the path is the only
 * key, so the page stays out of search engines, caches and other sites' referrer logs.
 */
@Tag(name = "preview links")
@ApiResponse(responseCode = "404", description = "Unknown, expired or revoked token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "406", description = "The client accepts no HTML",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/preview")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
class PreviewController {

    private final PreviewLinks previews;

    PreviewController(PreviewLinks previews) {
        this.previews = previews;
    }

    @Operation(summary = "Read a draft through a preview link",
            description = "No API token: the preview token is the key. Unknown, expired and revoked tokens are 404.")
    @Get(uri = "/{token}", produces = MediaType.ALL)
    @ApiResponse(responseCode = "200", description = "The draft as an HTML page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string")))
    HttpResponse<String> show(HttpRequest<?> request, @PathVariable String token) {
        HtmlNegotiation.requireHtml(request);
        return HttpResponse.ok(previews.render(token)).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                // Stricter than the site's (web.SecurityHeaders adds the rest): the token in the path is the key.
                .header("Referrer-Policy", "no-referrer");
    }

    @Operation(summary = "An image that the draft behind a preview link shows, in one of the site's widths",
            description = "The path is the site's (/media/<hash>-<width>.<format>) under the preview link's; only"
                    + " files the draft names are here. An SVG cannot run script.")
    @Get(uri = "/{token}/media/{name}", produces = MediaType.ALL)
    @ApiResponse(responseCode = "200", description = "The image's bytes, in that width and format", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))})
    HttpResponse<StreamedFile> image(@PathVariable String token, @PathVariable String name) throws IOException {
        return file(token, "/media/" + name);
    }

    @Operation(summary = "A document (or an SVG) that the draft behind a preview link links to or shows",
            description = "The path is the site's (/media/<hash>/<id>.<ending>) under the preview link's; only"
                    + " files the draft names are here. An SVG cannot run script.")
    @Get(uri = "/{token}/media/{hash}/{name}", produces = MediaType.ALL)
    @ApiResponse(responseCode = "200", description = "The file's bytes, as uploaded", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.oasis.opendocument.text", schema = @Schema(type = "string", format = "binary"))})
    HttpResponse<StreamedFile> document(@PathVariable String token, @PathVariable String hash, @PathVariable String name)
            throws IOException {
        return file(token, "/media/" + hash + "/" + name);
    }

    private HttpResponse<StreamedFile> file(String token, String path) throws IOException {
        SiteMedia.PublishedFile file = previews.file(token, path);
        MutableHttpResponse<StreamedFile> response = HttpResponse.ok(new StreamedFile(file.opener().open(),
                        MediaType.of(file.mediaType())))
                .header("X-Robots-Tag", "noindex, nofollow")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer");
        if (file.mediaType().equals("image/svg+xml")) {
            response.header("Content-Security-Policy", SecurityHeaders.SVG_POLICY);
        }
        return response;
    }
}
