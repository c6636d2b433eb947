package fi.laituri.workflow;

import fi.laituri.web.EditorialApi;
import fi.laituri.content.Api;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.OffsetDateTime;
import java.util.List;

@Tag(name = "workflow")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/documents/{id}/variants/{lang}/transitions")
@ExecuteOn(TaskExecutors.BLOCKING)
class TransitionController {

    private final Transitions transitions;

    TransitionController(Transitions transitions) {
        this.transitions = transitions;
    }

    /** A workflow step; {@code at} schedules a publish or unpublish for later. */
    @Serdeable
    record TransitionRequest(@NotBlank @Size(max = 20) String action, @Nullable @Size(max = 2000) String comment,
                             @Nullable OffsetDateTime at) {
    }

    /** The version after the step; {@code warnings} says what else needs doing (a translation not published). */
    @Serdeable
    record TransitionResponse(@JsonUnwrapped Api.VariantView variant, List<String> warnings) {
    }

    @Operation(summary = "Move a language version through the workflow",
            description = "Actions: submit, withdraw, approve, reject (comment required), publish (optionally at a "
                    + "future time), unpublish (optionally at a future time), unschedule. A step not allowed from the "
                    + "current state is a 409 naming it. Publishing an article or blog post whose required translation (sv) is "
                    + "not live returns `warnings`, or with laituri.translation.require-bilingual: block a 409.")
    @Post
    @Allowed({Permission.SUBMIT, Permission.WITHDRAW, Permission.REVIEW, Permission.PUBLISH})
    TransitionResponse transition(@PathVariable long id, @PathVariable String lang, @Body @Valid TransitionRequest request,
                               Authentication user) {
        Transitions.Outcome outcome = transitions.apply(id, lang, request.action(), request.comment(), request.at(),
                Actor.of(user));
        return new TransitionResponse(outcome.variant(), outcome.warnings());
    }
}
