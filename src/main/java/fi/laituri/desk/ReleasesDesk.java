package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Api;
import fi.laituri.content.DocumentSearch;
import fi.laituri.content.Documents;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.workflow.Releases;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Releases: language versions bundled to go live together. A publisher makes one, adds and takes out versions,
 * publishes it now or schedules it, and takes it off the schedule, through the same service as the API.
 */
@Hidden
@Controller("/desk/releases")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReleasesDesk {

    private static final List<String> DONE = List.of("created", "added", "removed", "published", "scheduled",
            "unscheduled", "deleted");

    private final Releases releases;
    private final Documents content;
    private final Languages languages;
    private final Desk desk;
    private final DocumentsDesk documents;

    ReleasesDesk(Releases releases, Documents content, Languages languages, Desk desk, DocumentsDesk documents) {
        this.releases = releases;
        this.content = content;
        this.languages = languages;
        this.desk = desk;
        this.documents = documents;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> list(@Nullable @QueryValue String done, Authentication user) {
        return listPage(user, HttpStatus.OK, Map.of("name", "", "version", ""), flash(user, done), "");
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> create(@Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            String name = form.get("name").strip();
            if (name.isEmpty() || name.length() > 200) {
                throw DomainException.invalid("name", "give the release a name of 1-200 characters");
            }
            Releases.ReleaseView created = releases.create(name, List.of(member(form.get("version"))), Actor.of(user));
            return Desk.seeOther("/desk/releases/" + created.id() + "?done=created");
        } catch (DomainException e) {
            return listPage(user, Desk.status(e), form.values("name", "version"), "", e.getMessage());
        }
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> release(@PathVariable long id, @Nullable @QueryValue String done, Authentication user) {
        return releasePage(user, HttpStatus.OK, id, flash(user, done), "");
    }

    @Post(uri = "/{id}/members", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> add(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        return step(id, body, user, "added", form -> releases.addMember(id, member(form.get("version")), Actor.of(user)));
    }

    @Post(uri = "/{id}/members/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> remove(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        return step(id, body, user, "removed", form -> releases.removeMember(id, member(form.get("version")), Actor.of(user)));
    }

    @Post(uri = "/{id}/publish", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> publish(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        return step(id, body, user, "published", form -> releases.publish(id, null, Actor.of(user)));
    }

    /** At the time given in the site's time zone; a form without one publishes nothing. */
    @Post(uri = "/{id}/schedule", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> schedule(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        return step(id, body, user, "scheduled", form -> {
            if (form.optional("at") == null) {
                throw DomainException.invalid("at", "give the time to publish the release at");
            }
            releases.publish(id, documents.at(form.optional("at")), Actor.of(user));
        });
    }

    /** From the schedule's page, back to it; an error there is the desk's error page. */
    @Post(uri = "/{id}/unschedule", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> unschedule(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        if (form.get("back").equals("schedule")) {
            desk.checkForm(user, form);
            releases.unschedule(id, Actor.of(user));
            return Desk.seeOther("/desk/schedule?done=unscheduled");
        }
        return step(id, body, user, "unscheduled", f -> releases.unschedule(id, Actor.of(user)));
    }

    @Post(uri = "/{id}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_RELEASES)
    MutableHttpResponse<String> delete(@PathVariable long id, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            releases.delete(id, Actor.of(user));
            return Desk.seeOther("/desk/releases?done=deleted");
        } catch (DomainException e) {
            return releasePage(user, Desk.status(e), id, "", e.getMessage());
        }
    }

    private interface Step {
        void on(DeskForm form);
    }

    private MutableHttpResponse<String> step(long id, String body, Authentication user, String done, Step step) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            step.on(form);
            return Desk.seeOther("/desk/releases/" + id + "?done=" + done);
        } catch (DomainException e) {
            return releasePage(user, Desk.status(e), id, "", e.getMessage());
        }
    }

    /** A version as the forms name it: {@code <document id>/<language>}. */
    private Releases.Member member(String version) {
        int slash = version.indexOf('/');
        try {
            if (slash > 0) {
                String language = version.substring(slash + 1);
                if (languages.isConfigured(language)) {
                    return new Releases.Member(Long.parseLong(version.substring(0, slash)), language);
                }
            }
        } catch (NumberFormatException e) {
            // told below, as any other version the form could not have offered
        }
        throw DomainException.invalid("version", "choose a language version from the list");
    }

    private MutableHttpResponse<String> listPage(Authentication user, HttpStatus status, Map<String, String> input,
                                                 String flash, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("releases", releases.list());
        model.put("candidates", approved(Set.of()));
        model.put("input", input);
        model.put("flash", flash);
        model.put("error", error);
        model.put("section", "releases");
        return desk.page(user, status, "releases", model);
    }

    private MutableHttpResponse<String> releasePage(Authentication user, HttpStatus status, long id, String flash,
                                                    String error) {
        Releases.ReleaseView r = releases.get(id);
        List<Map<String, Object>> members = new ArrayList<>();
        for (Releases.Member m : r.members()) {
            Map<String, Object> row = new HashMap<>();
            row.put("documentId", m.documentId());
            row.put("language", m.language());
            Optional<Api.VariantView> v = variant(m.documentId(), m.language());
            row.put("title", v.map(Api.VariantView::title).orElse(""));
            row.put("status", v.map(Api.VariantView::status).orElse(""));
            members.add(row);
        }
        Set<String> in = new java.util.HashSet<>();
        r.members().forEach(m -> in.add(m.documentId() + "/" + m.language()));
        Map<String, Object> model = new HashMap<>();
        model.put("r", r);
        model.put("members", members);
        model.put("candidates", approved(in));
        model.put("flash", flash);
        model.put("error", error);
        model.put("section", "releases");
        return desk.page(user, status, "release", model);
    }

    /** Approved versions, those a release is made of, but the ones already in it. */
    private List<Map<String, String>> approved(Set<String> leaveOut) {
        List<Map<String, String>> versions = new ArrayList<>();
        Api.Page<Api.DocumentView> found = content.listDocuments(new DocumentSearch.Filter(null, null, "approved", null,
                null, 1, 100, (Set<String>) null));
        for (Api.DocumentView doc : found.items()) {
            for (Api.VariantSummary v : doc.variants()) {
                String value = doc.id() + "/" + v.language();
                if (v.status().equals("approved") && !leaveOut.contains(value)) {
                    versions.add(Map.of("value", value, "title", v.title(), "language", v.language()));
                }
            }
        }
        return versions;
    }

    private Optional<Api.VariantView> variant(long documentId, String language) {
        try {
            return Optional.of(content.getVariant(documentId, language));
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String flash(Authentication user, String done) {
        return done != null && DONE.contains(done) ? desk.words(user).get("releases.done." + done) : "";
    }
}
