package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.participation.FeedbackCsv;
import fi.laituri.participation.Feedbacks;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.Map;

/**
 * Readers' feedback: what is still open, oldest first (accessibility feedback with the date it must be answered by),
 * then what was handled lately; one feedback's page to mark it handled with a note; all of it as CSV.
 */
@Hidden
@Controller("/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedbackDesk {

    private static final int HANDLED_SHOWN = 20;
    private static final int MAX_NOTE = 5000;

    private final Feedbacks feedbacks;
    private final Desk desk;

    FeedbackDesk(Feedbacks feedbacks, Desk desk) {
        this.feedbacks = feedbacks;
        this.desk = desk;
    }

    @Get(uri = "/feedback", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> list(@Nullable @QueryValue String done, Authentication user) {
        Map<String, Object> model = new HashMap<>();
        model.put("open", feedbacks.open());
        model.put("handled", feedbacks.list(new Feedbacks.Query(null, null, true, 1, HANDLED_SHOWN)).items());
        model.put("flash", "handled".equals(done) ? desk.words(user).get("feedback.handledNow") : "");
        return desk.page(user, "feedback", model);
    }

    /** Every feedback, newest first, as the API's export: formulas defused for spreadsheets. */
    @Get(uri = "/feedback.csv", produces = "text/csv")
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> export() {
        return HttpResponse.<String>ok(FeedbackCsv.of(feedbacks.all(new Feedbacks.Query(null, null, null, 1, 1))))
                .contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"feedback.csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get(uri = "/feedback/{id}", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> feedback(@PathVariable long id, Authentication user) {
        return page(user, HttpStatus.OK, id, "", "");
    }

    @Post(uri = "/feedback/{id}/handled", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> handle(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            String note = form.optional("note");
            if (note != null && note.length() > MAX_NOTE) {
                throw DomainException.invalid("note", "the note is longer than " + MAX_NOTE + " characters");
            }
            feedbacks.handle(id, note, Actor.of(user));
            return Desk.seeOther("/desk/feedback?done=handled");
        } catch (DomainException e) {
            return page(user, Desk.status(e), id, form.get("note"), e.getMessage());
        }
    }

    private MutableHttpResponse<String> page(Authentication user, HttpStatus status, long id, String note, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("f", feedbacks.get(id));
        model.put("note", note);
        model.put("error", error);
        model.put("section", "feedback");
        return desk.page(user, status, "feedback-item", model);
    }
}
