package fi.laituri.participation;

import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.EditorialApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Publishers read readers' feedback, mark it handled with a note, see what is due, and export it as CSV. */
@Tag(name = "feedback")
@EditorialApi
@Controller("/api/v1/feedback")
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedbackController {

    private static final String CATEGORIES = "general|content_error|accessibility|other";

    private final Feedbacks feedbacks;

    FeedbackController(Feedbacks feedbacks) {
        this.feedbacks = feedbacks;
    }

    @Serdeable
    record Handled(@Nullable @Size(max = 5000) String note) {
    }

    @Operation(summary = "List feedback", description = "Newest first. Filters: category, lang, handled (true/false).")
    @Get
    @Allowed(Permission.PUBLISH)
    Feedbacks.FeedbackPage list(@Nullable @QueryValue @Pattern(regexp = CATEGORIES) String category,
                                @Nullable @QueryValue @Size(max = 20) String lang, @Nullable @QueryValue Boolean handled,
                                @QueryValue(defaultValue = "1") @Min(1) @Max(1000000) int page,
                                @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
        return feedbacks.list(new Feedbacks.Query(category, lang, handled, page, size));
    }

    @Operation(summary = "Feedback due for a reply", description = "Unhandled feedback with a reply-by date "
            + "(accessibility feedback: 14 days after it came), overdue first.")
    @Get("/due")
    @Allowed(Permission.PUBLISH)
    List<Feedbacks.FeedbackView> due() {
        return feedbacks.due();
    }

    @Operation(summary = "Export feedback as CSV", description = "The same filters as the list; UTF-8 with a header row.")
    @Get(uri = "/export", produces = "text/csv")
    @Allowed(Permission.PUBLISH)
    HttpResponse<String> export(@Nullable @QueryValue @Pattern(regexp = CATEGORIES) String category,
                                @Nullable @QueryValue @Size(max = 20) String lang, @Nullable @QueryValue Boolean handled) {
        return HttpResponse.ok(FeedbackCsv.of(feedbacks.all(new Feedbacks.Query(category, lang, handled, 1, 1))))
                .contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"feedback.csv\"");
    }

    @Operation(summary = "Mark feedback handled", description = "With an optional note of what was done.")
    @Post("/{id}/handled")
    @Allowed(Permission.PUBLISH)
    Feedbacks.FeedbackView handle(@PathVariable long id, @Body @Valid Handled request, Authentication user) {
        return feedbacks.handle(id, request.note(), Actor.of(user));
    }
}
