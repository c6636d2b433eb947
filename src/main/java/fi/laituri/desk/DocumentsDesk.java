package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Api;
import fi.laituri.content.DocumentSearch;
import fi.laituri.content.Documents;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.workflow.Transitions;
import io.micronaut.context.annotation.Value;
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

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The editor's desk: the document list with its filters, a document with its language versions side by side, and the
 * workflow steps on each version. Every step goes through the same services as the editorial API.
 */
@Hidden
@Controller("/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentsDesk {

    static final List<String> KINDS = List.of("article", "blog_post", "page");
    static final List<String> STATES = List.of("draft", "in_review", "approved", "published", "unpublished");

    private final Documents content;
    private final Transitions transitions;
    private final Languages languages;
    private final Policy policy;
    private final Desk desk;
    private final ZoneId zone;
    private final LastVisits lastVisits;

    DocumentsDesk(Documents content, Transitions transitions, Languages languages, Policy policy, Desk desk,
                  @Value("${laituri.time-zone:Europe/Helsinki}") String zone, LastVisits lastVisits) {
        this.content = content;
        this.transitions = transitions;
        this.languages = languages;
        this.policy = policy;
        this.desk = desk;
        this.zone = ZoneId.of(zone);
        this.lastVisits = lastVisits;
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> home(Authentication user) {
        Actor actor = Actor.of(user);
        Optional<Set<String>> readable = policy.readableLanguages(actor);
        Map<String, Object> model = new HashMap<>();
        model.put("recent", list(null, null, null, null, null, 1, 10, readable).items());
        model.put("inReview", policy.grants(actor.role(), Permission.REVIEW)
                ? list(null, null, "in_review", null, null, 1, 10, readable).total() : 0L);
        model.put("approved", policy.grants(actor.role(), Permission.PUBLISH)
                ? list(null, null, "approved", null, null, 1, 10, readable).total() : 0L);
        model.put("drafts", list(null, null, "draft", null, null, 1, 10, readable).total());
        model.put("since", lastVisits.look(actor, desk.words(user)));
        return desk.page(user, "home", model);
    }

    @Get(uri = "/documents", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> documents(@Nullable @QueryValue String kind, @Nullable @QueryValue String language,
                                          @Nullable @QueryValue String state, @Nullable @QueryValue String tag,
                                          @Nullable @QueryValue String q, @Nullable @QueryValue Integer page,
                                          Authentication user) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("kind", kind != null && KINDS.contains(kind) ? kind : "");
        filter.put("language", language != null && languages.isConfigured(language) ? language : "");
        filter.put("state", state != null && STATES.contains(state) ? state : "");
        filter.put("tag", tag == null ? "" : limit(tag.strip(), 60));
        filter.put("q", q == null ? "" : limit(q.strip(), 300));
        int current = page == null || page < 1 ? 1 : Math.min(page, 100000);
        Api.Page<Api.DocumentView> found = list(blank(filter.get("kind")), blank(filter.get("language")),
                blank(filter.get("state")), blank(filter.get("tag")), blank(filter.get("q")), current, 20,
                policy.readableLanguages(Actor.of(user)));
        Map<String, Object> model = new HashMap<>();
        model.put("filter", filter);
        model.put("found", found);
        model.put("kinds", KINDS);
        model.put("states", STATES);
        model.put("languages", languages.all());
        model.put("pages", (found.total() + 19) / 20);
        model.put("query", query(filter));
        return desk.page(user, "documents", model);
    }

    @Get(uri = "/documents/new", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.CREATE_DOCUMENT)
    MutableHttpResponse<String> newDocument(Authentication user) {
        Map<String, String> input = new HashMap<>(Map.of("kind", "article", "language", languages.defaultLanguage().code(),
                "title", "", "summary", "", "body", "", "tags", ""));
        return newPage(user, HttpStatus.OK, input, "");
    }

    @Post(uri = "/documents", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.CREATE_DOCUMENT)
    MutableHttpResponse<String> create(@Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            Api.VariantInput variant = new Api.VariantInput(form.get("language"), form.get("title").strip(), null,
                    form.optional("summary"), form.get("body"), tags(form.get("tags")), null, null);
            Api.DocumentView created = content.createDocument(desk.valid(new Api.CreateDocument(form.get("kind"), null,
                    List.of(variant))), Actor.of(user));
            return Desk.seeOther("/desk/documents/" + created.id() + "?saved=" + form.get("language"));
        } catch (DomainException e) {
            return newPage(user, Desk.status(e), form.values("kind", "language", "title", "summary", "body", "tags"),
                    e.getMessage());
        }
    }

    @Get(uri = "/documents/{id}", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> document(@PathVariable long id, @Nullable @QueryValue String saved,
                                         @Nullable @QueryValue String done, Authentication user) {
        return documentPage(user, HttpStatus.OK, id, flash(user, saved, done), "");
    }

    @Post(uri = "/documents/{id}/{lang}/transition", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    @Allowed({Permission.SUBMIT, Permission.WITHDRAW, Permission.REVIEW, Permission.PUBLISH})
    MutableHttpResponse<String> transition(@PathVariable long id, @PathVariable String lang, @Body @Nullable String body,
                                           Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        String action = form.get("action");
        try {
            OffsetDateTime at = at(form.optional("at"));
            Transitions.Outcome outcome = transitions.apply(id, lang, action, form.optional("comment"), at, Actor.of(user));
            String back = form.get("back").equals("review") ? "/desk/review?done=" : "/desk/documents/" + id + "?done=";
            if (!outcome.warnings().isEmpty()) {
                return documentPage(user, HttpStatus.OK, id, desk.words(user).getOrDefault("done." + action, action)
                        + " " + String.join(" ", outcome.warnings()), "");
            }
            return Desk.seeOther(back + action + "&lang=" + lang + "&id=" + id);
        } catch (DomainException e) {
            return documentPage(user, Desk.status(e), id, "", e.getMessage());
        }
    }

    private MutableHttpResponse<String> documentPage(Authentication user, HttpStatus status, long id, String flash, String error) {
        Actor actor = Actor.of(user);
        Api.DocumentView all = content.getDocument(id);
        Api.DocumentView doc = policy.readableLanguages(actor).map(all::inLanguages).orElse(all);
        List<Map<String, Object>> versions = new ArrayList<>();
        for (Api.VariantSummary summary : doc.variants()) {
            Api.VariantView v = content.getVariant(id, summary.language());
            Map<String, Object> version = new HashMap<>();
            version.put("v", v);
            version.put("language", languages.find(v.language()).map(Language::name).orElse(v.language()));
            version.put("htmlLang", languages.find(v.language()).map(Language::htmlLang).orElse(v.language()));
            version.put("actions", actions(actor, v));
            version.put("canEdit", policy.allows(actor, Permission.EDIT_VARIANT, v.language()));
            version.put("publishAt", local(v.publishAt()));
            version.put("updatedAt", local(v.updatedAt()));
            versions.add(version);
        }
        List<Language> missing = languages.all().stream()
                .filter(l -> doc.variants().stream().noneMatch(v -> v.language().equals(l.code())))
                .filter(l -> policy.allows(actor, Permission.EDIT_VARIANT, l.code()))
                .filter(l -> policy.readableLanguages(actor).map(own -> own.contains(l.code())).orElse(true))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("doc", doc);
        model.put("versions", versions);
        model.put("missing", missing);
        model.put("flash", flash);
        model.put("error", error);
        return desk.page(user, status, "document", model);
    }

    /** The steps the user may take on the version in its state, in the order the workflow goes. */
    private List<String> actions(Actor actor, Api.VariantView v) {
        List<String> steps = switch (v.status()) {
            case "draft", "unpublished" -> List.of("submit");
            case "in_review" -> List.of("approve", "reject", "withdraw");
            case "approved" -> v.publishAt() != null ? List.of("unschedule") : List.of("publish", "schedule");
            case "published" -> v.unpublishAt() != null ? List.of("unschedule") : List.of("unpublish");
            default -> List.of();
        };
        return steps.stream().filter(step -> policy.allows(actor, permission(step), v.language())).toList();
    }

    private static Permission permission(String step) {
        return switch (step) {
            case "submit" -> Permission.SUBMIT;
            case "withdraw" -> Permission.WITHDRAW;
            case "approve", "reject" -> Permission.REVIEW;
            default -> Permission.PUBLISH;
        };
    }

    private MutableHttpResponse<String> newPage(Authentication user, HttpStatus status, Map<String, String> input, String error) {
        Actor actor = Actor.of(user);
        Map<String, Object> model = new HashMap<>();
        model.put("input", input);
        model.put("error", error);
        model.put("kinds", KINDS);
        model.put("languages", languages.all().stream()
                .filter(l -> policy.allows(actor, Permission.EDIT_VARIANT, l.code())).toList());
        return desk.page(user, status, "new", model);
    }

    private Api.Page<Api.DocumentView> list(String kind, String language, String state, String tag, String q, int page,
                                            int size, Optional<Set<String>> readable) {
        Api.Page<Api.DocumentView> found = content.listDocuments(new DocumentSearch.Filter(kind, language, state, tag, q,
                page, size, readable.orElse(null)));
        return readable.map(own -> new Api.Page<>(found.items().stream().map(d -> d.inLanguages(own)).toList(),
                found.page(), found.size(), found.total())).orElse(found);
    }

    /** A time typed in the desk ({@code 2026-12-03T09:00}, from a datetime-local field) is in the site's time zone. */
    OffsetDateTime at(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("at", "give the time as yyyy-mm-ddThh:mm");
        }
    }

    String local(java.time.Instant instant) {
        return instant == null ? "" : instant.atZone(zone).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    private String flash(Authentication user, String saved, String done) {
        Map<String, String> words = desk.words(user);
        if (saved != null) {
            return words.get("flash.saved");
        }
        return done == null ? "" : words.getOrDefault("done." + done, "");
    }

    static List<String> tags(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String limit(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    private static String query(Map<String, String> filter) {
        StringBuilder q = new StringBuilder();
        filter.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.append('&').append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }
}
