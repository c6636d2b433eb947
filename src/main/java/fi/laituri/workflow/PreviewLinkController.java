package fi.laituri.workflow;

import fi.laituri.web.EditorialApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

@Tag(name = "preview links")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/documents/{id}/variants/{lang}/preview-links")
@ExecuteOn(TaskExecutors.BLOCKING)
class PreviewLinkController {

    private final PreviewLinks previews;
    private final Policy policy;

    PreviewLinkController(PreviewLinks previews, Policy policy) {
        this.previews = previews;
        this.policy = policy;
    }

    @Operation(summary = "Create a preview link to a language version's draft",
            description = "Anyone with the link can read the draft until it expires (1-90 days, default 7) or is "
                    + "revoked. The token is in this reply only.")
    @Post
    @Allowed(Permission.PREVIEW)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PreviewLinkApi.IssuedLink.class)))
    HttpResponse<PreviewLinkApi.IssuedLink> create(@PathVariable long id, @PathVariable String lang,
                                                   @Nullable @Body @Valid PreviewLinkApi.NewLink request,
                                                   Authentication user) {
        policy.require(Actor.of(user), Permission.PREVIEW, lang);
        Integer days = request == null ? null : request.expiresInDays();
        return HttpResponse.status(HttpStatus.CREATED).body(previews.create(id, lang, days, user.getName()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Operation(summary = "List a language version's preview links, newest first")
    @Get
    @Allowed(Permission.READ)
    List<PreviewLinkApi.LinkView> list(@PathVariable long id, @PathVariable String lang, Authentication user) {
        policy.require(Actor.of(user), Permission.READ, lang);
        return previews.list(id, lang);
    }

    @Operation(summary = "Revoke a preview link", description = "The link stops working at once.")
    @Delete("/{linkId}")
    @Allowed(Permission.PREVIEW)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> revoke(@PathVariable long id, @PathVariable String lang, @PathVariable long linkId,
                              Authentication user) {
        policy.require(Actor.of(user), Permission.PREVIEW, lang);
        previews.revoke(id, lang, linkId);
        return HttpResponse.noContent();
    }
}
