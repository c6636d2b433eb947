package fi.laituri.content;

import fi.laituri.web.IfMatchRequired;
import fi.laituri.web.EditorialApi;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.web.ETags;
import fi.laituri.web.Problem;
import fi.laituri.DomainException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;

@Tag(name = "variants")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/documents/{id}/variants")
@ExecuteOn(TaskExecutors.BLOCKING)
class VariantController {

    private final Documents content;
    private final Policy policy;

    VariantController(Documents content, Policy policy) {
        this.policy = policy;
        this.content = content;
    }

    @Operation(summary = "Add a language version to a document")
    @Post
    @Allowed(Permission.EDIT_VARIANT)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Api.VariantView.class)))
    HttpResponse<Api.VariantView> create(@PathVariable long id, @Body @Valid Api.VariantInput input, Authentication user) {
        Api.VariantView v = content.createVariant(id, input, Actor.of(user));
        return HttpResponse.created(v, URI.create("/api/v1/documents/" + id + "/variants/" + v.language()))
                .header("ETag", ETags.of(v.version()));
    }

    @Operation(summary = "Read a language version", description = "The ETag header is what If-Match takes on writes.")
    @Get("/{lang}")
    @Allowed(Permission.READ)
    HttpResponse<Api.VariantView> get(@PathVariable long id, @PathVariable String lang, Authentication user) {
        policy.require(Actor.of(user), Permission.READ, lang);
        return withETag(content.getVariant(id, lang));
    }

    @Operation(summary = "Replace a language version's content", description = "Requires If-Match; a change appends a revision.")
    @Put("/{lang}")
    @Allowed(Permission.EDIT_VARIANT)
    @IfMatchRequired
    HttpResponse<Api.VariantView> replace(@PathVariable long id, @PathVariable String lang,
                                          @Nullable @Header("If-Match") String ifMatch,
                                          @Body @Valid Api.VariantInput input, Authentication user) {
        return withETag(content.replaceVariant(id, lang, ETags.parse(ifMatch), input, Actor.of(user)));
    }

    @Operation(summary = "Change some fields of a language version", description = "Requires If-Match; absent fields stay.")
    @Patch("/{lang}")
    @Allowed(Permission.EDIT_VARIANT)
    @IfMatchRequired
    HttpResponse<Api.VariantView> patch(@PathVariable long id, @PathVariable String lang,
                                        @Nullable @Header("If-Match") String ifMatch,
                                        @Body @Valid Api.VariantPatch patch, Authentication user) {
        return withETag(content.patchVariant(id, lang, ETags.parse(ifMatch), patch, Actor.of(user)));
    }

    @Operation(summary = "Delete a language version with its revisions", description = "Requires If-Match.")
    @Delete("/{lang}")
    @Allowed(Permission.DELETE_VARIANT)
    @IfMatchRequired
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> delete(@PathVariable long id, @PathVariable String lang, @Nullable @Header("If-Match") String ifMatch,
                              Authentication user) {
        content.deleteVariant(id, lang, ETags.parse(ifMatch), Actor.of(user));
        return HttpResponse.noContent();
    }

    @Operation(summary = "List a language version's revisions, newest first")
    @Get("/{lang}/revisions")
    @Allowed(Permission.READ)
    List<Api.RevisionSummary> revisions(@PathVariable long id, @PathVariable String lang, Authentication user) {
        policy.require(Actor.of(user), Permission.READ, lang);
        return content.listRevisions(id, lang);
    }

    @Get("/{lang}/revisions/{number}")
    @Allowed(Permission.READ)
    Api.RevisionView revision(@PathVariable long id, @PathVariable String lang, @PathVariable int number,
                              Authentication user) {
        policy.require(Actor.of(user), Permission.READ, lang);
        return content.getRevision(id, lang, number);
    }

    @Operation(summary = "Restore an old revision", description = "Requires If-Match; the restored content becomes a new revision.")
    @Post("/{lang}/revisions/{number}/restore")
    @Allowed(Permission.EDIT_VARIANT)
    @IfMatchRequired
    HttpResponse<Api.VariantView> restore(@PathVariable long id, @PathVariable String lang, @PathVariable int number,
                                          @Nullable @Header("If-Match") String ifMatch, Authentication user) {
        return withETag(content.restoreRevision(id, lang, number, ETags.parse(ifMatch), Actor.of(user)));
    }

    @Operation(summary = "Compare two revisions", description = RevisionDiff.DESCRIPTION)
    @Get("/{lang}/revisions/diff")
    @Allowed(Permission.READ)
    RevisionDiff.Diff diff(@PathVariable long id, @PathVariable String lang, @QueryValue int from, @QueryValue int to,
                           @QueryValue(defaultValue = "line") String mode, Authentication user) {
        policy.require(Actor.of(user), Permission.READ, lang);
        return content.diffRevisions(id, lang, from, to, RevisionDiff.Mode.parse(mode)
                .orElseThrow(() -> DomainException.invalid("mode", "unknown mode; one of line, word")));
    }

    private static HttpResponse<Api.VariantView> withETag(Api.VariantView v) {
        return HttpResponse.ok(v).header("ETag", ETags.of(v.version()));
    }
}
