package fi.laituri.content;

import fi.laituri.web.IfMatchRequired;
import fi.laituri.web.EditorialApi;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

@Tag(name = "documents")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/documents")
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentController {

    private final Documents content;

    private final Policy policy;

    DocumentController(Documents content, Policy policy) {
        this.policy = policy;
        this.content = content;
    }

    @Operation(summary = "List documents", description = "Filters match any language version; newest change first. "
            + "A translator sees only documents with a version in one of their languages, and only those versions; "
            + "translations still to be made are in the translations worklist.")
    @Get
    @Allowed(Permission.READ)
    Api.Page<Api.DocumentView> list(@Nullable @QueryValue @Size(max = 20) String kind,
                                    @Nullable @QueryValue @Size(max = 20) String language,
                                    @Nullable @QueryValue @Size(max = 20) String status,
                                    @Nullable @QueryValue @Size(max = 60) String tag,
                                    @Nullable @QueryValue @Size(max = 300) String q,
                                    @QueryValue(defaultValue = "1") @Min(1) @Max(100000) int page,
                                    @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size, Authentication user) {
        Optional<Set<String>> readable = policy.readableLanguages(Actor.of(user));
        Api.Page<Api.DocumentView> found = content.listDocuments(new DocumentSearch.Filter(kind, language, status, tag,
                q == null || q.isBlank() ? null : q.strip(), page, size, readable.orElse(null)));
        return readable.map(own -> found.map(d -> d.inLanguages(own))).orElse(found);
    }

    @Operation(summary = "Create a document, optionally with its first language versions")
    @Post
    @Allowed(Permission.CREATE_DOCUMENT)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Api.DocumentView.class)))
    HttpResponse<Api.DocumentView> create(@Body @Valid Api.CreateDocument request, Authentication user) {
        Api.DocumentView doc = content.createDocument(request, Actor.of(user));
        return HttpResponse.created(doc, URI.create("/api/v1/documents/" + doc.id()))
                .header("ETag", ETags.of(doc.version()));
    }

    @Get("/{id}")
    @Allowed(Permission.READ)
    HttpResponse<Api.DocumentView> get(@PathVariable long id, Authentication user) {
        Api.DocumentView all = content.getDocument(id);
        Api.DocumentView doc = policy.readableLanguages(Actor.of(user)).map(all::inLanguages).orElse(all);
        return HttpResponse.ok(doc).header("ETag", ETags.of(doc.version()));
    }

    @Operation(summary = "Change a document's kind or translation key", description = "Requires If-Match.")
    @Patch("/{id}")
    @Allowed(Permission.CHANGE_DOCUMENT)
    @IfMatchRequired
    HttpResponse<Api.DocumentView> patch(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                         @Body @Valid Api.DocumentPatch patch, Authentication user) {
        Api.DocumentView doc = content.updateDocument(id, ETags.parse(ifMatch), patch, Actor.of(user));
        return HttpResponse.ok(doc).header("ETag", ETags.of(doc.version()));
    }

    @Operation(summary = "Delete a document with all its language versions and revisions", description = "Requires If-Match.")
    @Delete("/{id}")
    @Allowed(Permission.DELETE_DOCUMENT)
    @IfMatchRequired
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> delete(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch, Authentication user) {
        content.deleteDocument(id, ETags.parse(ifMatch), Actor.of(user));
        return HttpResponse.noContent();
    }
}
