package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.workflow.Transitions;
import fi.laituri.workflow.Upcoming;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schedule as a calendar list: what goes live or comes off, and which releases go out, day by day in the site's
 * time zone, each with a way to cancel it.
 */
@Hidden
@Controller("/desk/schedule")
@ExecuteOn(TaskExecutors.BLOCKING)
class ScheduleDesk {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Upcoming upcoming;
    private final Transitions transitions;
    private final Desk desk;
    private final ZoneId zone;

    ScheduleDesk(Upcoming upcoming, Transitions transitions, Desk desk,
                 @Value("${laituri.time-zone:Europe/Helsinki}") String zone) {
        this.upcoming = upcoming;
        this.transitions = transitions;
        this.desk = desk;
        this.zone = ZoneId.of(zone);
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> schedule(@Nullable @QueryValue String done, Authentication user) {
        String flash = "unscheduled".equals(done) ? desk.words(user).get("schedule.cancelled") : "";
        return page(user, HttpStatus.OK, flash, "");
    }

    /** Cancels what is scheduled for a language version: its publication, its unpublication, or both. */
    @Post(uri = "/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PUBLISH)
    MutableHttpResponse<String> cancel(@Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            long id;
            try {
                id = Long.parseLong(form.get("document"));
            } catch (NumberFormatException e) {
                throw DomainException.invalid("document", "the form names no document");
            }
            transitions.apply(id, form.get("language"), "unschedule", null, null, Actor.of(user));
            return Desk.seeOther("/desk/schedule?done=unscheduled");
        } catch (DomainException e) {
            return page(user, Desk.status(e), "", e.getMessage());
        }
    }

    private MutableHttpResponse<String> page(Authentication user, HttpStatus status, String flash, String error) {
        Map<LocalDate, List<Map<String, Object>>> days = new LinkedHashMap<>();
        for (Upcoming.Entry e : upcoming.all()) {
            var local = e.at().atZone(zone);
            Map<String, Object> row = new HashMap<>();
            row.put("e", e);
            row.put("time", TIME.format(local));
            days.computeIfAbsent(local.toLocalDate(), d -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> model = new ArrayList<>();
        days.forEach((day, entries) -> model.add(Map.of("day", day.toString(),
                "weekday", day.getDayOfWeek().getValue(), "entries", entries)));
        Map<String, Object> variables = new HashMap<>();
        variables.put("days", model);
        variables.put("zone", zone.getId());
        variables.put("flash", flash);
        variables.put("error", error);
        return desk.page(user, status, "schedule", variables);
    }
}
