package fi.laituri.participation;

import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.EditorialApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;


/** Publishers moderate readers' comments: list, approve, reject, delete, reply, and turn a post's comments off. */
@Tag(name = "comments")
@EditorialApi
@Controller("/api/v1/comments")
@ExecuteOn(TaskExecutors.BLOCKING)
class ModerationController {

    private final Comments comments;

    ModerationController(Comments comments) {
        this.comments = comments;
    }

    @Serdeable
    record Reply(@Nullable @Size(max = 5000) String text) {
    }

    @Serdeable
    record Switch(@NotNull Boolean open) {
    }

    @Operation(summary = "List comments", description = "Oldest first. Filters: post (document id), lang, state "
            + "(pending, approved, rejected). No e-mail address is ever shown; hasEmail says whether one was given.")
    @Get
    @Allowed(Permission.PUBLISH)
    Comments.CommentPage list(@Nullable @QueryValue Long post, @Nullable @QueryValue @Size(max = 20) String lang,
                              @Nullable @QueryValue @Pattern(regexp = "pending|approved|rejected") String state,
                              @QueryValue(defaultValue = "1") @Min(1) @Max(1000000) int page,
                              @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
        return comments.list(new Comments.Query(post, lang, state, page, size));
    }

    @Operation(summary = "Approve a comment", description = "It appears on the post's page with the next build, "
            + "which the approval starts.")
    @Post("/{id}/approve")
    @Allowed(Permission.PUBLISH)
    Comments.CommentView approve(@PathVariable long id, Authentication user) {
        return comments.decide(id, Comment.APPROVED, Actor.of(user));
    }

    @Operation(summary = "Reject a comment", description = "Kept out of sight, then deleted by the retention job.")
    @Post("/{id}/reject")
    @Allowed(Permission.PUBLISH)
    Comments.CommentView reject(@PathVariable long id, Authentication user) {
        return comments.decide(id, Comment.REJECTED, Actor.of(user));
    }

    @Operation(summary = "Reply to a comment", description = "Shown under the comment once it is approved; an empty "
            + "text takes the reply away.")
    @Put("/{id}/reply")
    @Allowed(Permission.PUBLISH)
    Comments.CommentView reply(@PathVariable long id, @Body @Valid Reply reply, Authentication user) {
        return comments.reply(id, reply.text(), Actor.of(user));
    }

    @Operation(summary = "Delete a comment")
    @Delete("/{id}")
    @Allowed(Permission.PUBLISH)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> delete(@PathVariable long id, Authentication user) {
        comments.delete(id, Actor.of(user));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Turn a post's comments on or off", description = "Over the kind's default and the time "
            + "comments stay open (laituri.participation.comments.open-for); the post's page is rebuilt.")
    @Put("/posts/{documentId}")
    @Allowed(Permission.PUBLISH)
    Comments.Switched switchPost(@PathVariable long documentId, @Body @Valid Switch request, Authentication user) {
        return comments.switchPost(documentId, request.open(), Actor.of(user));
    }
}
