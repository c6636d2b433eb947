package fi.laituri.workflow;

import fi.laituri.web.EditorialApi;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

@Tag(name = "releases")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/releases")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReleaseController {

    private final Releases releases;

    ReleaseController(Releases releases) {
        this.releases = releases;
    }

    @Serdeable
    record NewRelease(@NotBlank @Size(max = 200) String name,
                      @NotEmpty @Size(max = 500) List<@NotNull @Valid MemberInput> members) {
    }

    @Serdeable
    record MemberInput(@NotNull Long documentId, @NotBlank @Size(max = 20) String language) {
    }

    @Serdeable
    record PublishRequest(@Nullable OffsetDateTime at) {
    }

    @Operation(summary = "Bundle language versions into a release")
    @Post
    @Allowed(Permission.MANAGE_RELEASES)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Releases.ReleaseView.class)))
    HttpResponse<Releases.ReleaseView> create(@Body @Valid NewRelease request, Authentication user) {
        Releases.ReleaseView r = releases.create(request.name(),
                request.members().stream().map(m -> new Releases.Member(m.documentId(), m.language())).toList(),
                Actor.of(user));
        return HttpResponse.created(r, URI.create("/api/v1/releases/" + r.id()));
    }

    @Get
    @Allowed(Permission.READ)
    List<Releases.ReleaseView> list() {
        return releases.list();
    }

    @Get("/{id}")
    @Allowed(Permission.READ)
    Releases.ReleaseView get(@PathVariable long id) {
        return releases.get(id);
    }

    @Operation(summary = "Publish a release now, or at a time",
            description = "All members go live together or none does: a member that is not approved makes it a 409 "
                    + "listing the reasons, and nothing changes.")
    @Post("/{id}/publish")
    @Allowed(Permission.MANAGE_RELEASES)
    Releases.ReleaseView publish(@PathVariable long id, @Nullable @Body PublishRequest request, Authentication user) {
        return releases.publish(id, request == null ? null : request.at(), Actor.of(user));
    }

    @Operation(summary = "Add a language version to a release",
            description = "Until the release is published; a scheduled release keeps its time.")
    @Post("/{id}/members")
    @Allowed(Permission.MANAGE_RELEASES)
    Releases.ReleaseView addMember(@PathVariable long id, @Body @Valid MemberInput member, Authentication user) {
        return releases.addMember(id, new Releases.Member(member.documentId(), member.language()), Actor.of(user));
    }

    @Operation(summary = "Take a language version out of a release",
            description = "Until the release is published; its last version stays (delete the release instead).")
    @Delete("/{id}/members/{documentId}/{lang}")
    @Allowed(Permission.MANAGE_RELEASES)
    Releases.ReleaseView removeMember(@PathVariable long id, @PathVariable long documentId, @PathVariable String lang,
                                      Authentication user) {
        return releases.removeMember(id, new Releases.Member(documentId, lang), Actor.of(user));
    }

    @Operation(summary = "Take a release off the schedule", description = "It stays, pending, to be published or "
            + "scheduled again; a failed release is reset the same way.")
    @Post("/{id}/unschedule")
    @Allowed(Permission.MANAGE_RELEASES)
    Releases.ReleaseView unschedule(@PathVariable long id, Authentication user) {
        return releases.unschedule(id, Actor.of(user));
    }

    @Delete("/{id}")
    @Allowed(Permission.MANAGE_RELEASES)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> delete(@PathVariable long id, Authentication user) {
        releases.delete(id, Actor.of(user));
        return HttpResponse.noContent();
    }
}
