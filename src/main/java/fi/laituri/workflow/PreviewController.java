package fi.laituri.workflow;

import fi.laituri.security.Public;

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
}
