package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Documents;
import fi.laituri.participation.Comments;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import io.micronaut.core.annotation.Nullable;
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
import java.util.List;
import java.util.Map;

/**
 * Comment moderation: readers' comments waiting for a publisher, oldest first, to approve, reject or delete; and the
 * approved ones, newest first, to answer with a reply shown under the comment on the post's page.
 */
@Hidden
@Controller("/desk/comments")
@ExecuteOn(TaskExecutors.BLOCKING)
class ModerationDesk {

    private static final List<String> DONE = List.of("approved", "rejected", "deleted", "replied");
    private static final int PAGE_SIZE = 50;
    /** As the API's reply body allows. */
    private static final int REPLY_MAX = 5000;

    private final Comments comments;
    private final Documents content;
    private final Desk desk;

    ModerationDesk(Comments comments, Documents content, Desk desk) {
        this.comments = comments;
        this.content = content;
        this.desk = desk;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> queue(@Nullable @QueryValue Integer page, @Nullable @QueryValue String done,
                                      @Nullable @QueryValue String state, Authentication user) {
        String flash = done != null && DONE.contains(done) ? desk.words(user).get("comments.done." + done) : "";
        return page(user, HttpStatus.OK, "approved".equals(state), page == null || page < 1 ? 1 : Math.min(page, 100000),
                flash, "");
    }

    @Post(uri = "/{id}/{decision}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> decide(@PathVariable long id, @PathVariable String decision, @Body @Nullable String body,
                                       Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            String done = switch (decision) {
                case "approve" -> comments.decide(id, "approved", Actor.of(user)).state();
                case "reject" -> comments.decide(id, "rejected", Actor.of(user)).state();
                case "delete" -> {
                    comments.delete(id, Actor.of(user));
                    yield "deleted";
                }
                case "reply" -> {
                    String reply = form.get("reply");
                    if (reply.length() > REPLY_MAX) {
                        throw DomainException.invalid("reply", "size must be between 0 and " + REPLY_MAX);
                    }
                    comments.reply(id, reply, Actor.of(user));
                    yield "replied";
                }
                default -> throw DomainException.notFound("no such step for a comment");
            };
            return Desk.seeOther("/desk/comments?" + (done.equals("replied") ? "state=approved&" : "") + "done=" + done);
        } catch (DomainException e) {
            return page(user, Desk.status(e), decision.equals("reply"), 1, "", e.getMessage());
        }
    }

    /** The post's title, or its number if it is gone (its comments go with it). */
    private String title(long documentId, String language) {
        try {
            return content.getVariant(documentId, language).title();
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                return Long.toString(documentId);
            }
            throw e;
        }
    }

    private MutableHttpResponse<String> page(Authentication user, HttpStatus status, boolean approved, int page,
                                             String flash, String error) {
        Comments.CommentPage pending = approved ? comments.latest("approved", page, PAGE_SIZE)
                : comments.list(new Comments.Query(null, null, "pending", page, PAGE_SIZE));
        Map<String, Object> model = new HashMap<>();
        model.put("pending", pending);
        model.put("approved", approved);
        Map<String, String> titles = new HashMap<>();
        for (Comments.CommentView c : pending.items()) {
            titles.computeIfAbsent(c.documentId() + "/" + c.language(), key -> title(c.documentId(), c.language()));
        }
        model.put("titles", titles);
        model.put("pages", (pending.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.put("flash", flash);
        model.put("error", error);
        return desk.page(user, status, "comments", model);
    }
}
