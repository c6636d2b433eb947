package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.content.RevisionDiff;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
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

/**
 * A document's past: the revisions of a language version with a diff between any two and the restore of an old one
 * (over the version the page was loaded with, so that someone else's save in between is never overwritten), and the
 * audit log of the document.
 */
@Hidden
@Controller("/desk/documents/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
class HistoryDesk {

    static final int LOG_PAGE = 50;

    private final Documents content;
    private final AuditLog audit;
    private final Languages languages;
    private final Policy policy;
    private final Desk desk;

    HistoryDesk(Documents content, AuditLog audit, Languages languages, Policy policy, Desk desk) {
        this.content = content;
        this.audit = audit;
        this.languages = languages;
        this.policy = policy;
        this.desk = desk;
    }

    @Get(uri = "/{lang}/revisions", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> revisions(@PathVariable long id, @PathVariable String lang, @Nullable @QueryValue String restored,
                                          Authentication user) {
        Language language = readable(user, lang);
        String flash = restored == null ? "" : desk.words(user).get("revisions.restored").replace("{0}", restored);
        return revisionsPage(user, HttpStatus.OK, id, language, flash, "", null);
    }

    @Get(uri = "/{lang}/revisions/diff", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> diff(@PathVariable long id, @PathVariable String lang, @Nullable @QueryValue String from,
                                     @Nullable @QueryValue String to, @Nullable @QueryValue String mode,
                                     Authentication user) {
        Language language = readable(user, lang);
        RevisionDiff.Mode how = mode == null || mode.isEmpty() ? RevisionDiff.Mode.LINE : RevisionDiff.Mode.parse(mode)
                .orElseThrow(() -> DomainException.invalid("mode", "unknown mode; one of line, word"));
        int older = number("from", from);
        int newer = number("to", to);
        RevisionDiff.Diff diff = content.diffRevisions(id, language.code(), older, newer, how);
        Map<String, Object> model = new HashMap<>();
        model.put("doc", content.getDocument(id));
        model.put("language", language);
        model.put("diff", diff);
        model.put("revisions", content.listRevisions(id, language.code()));
        model.put("section", "documents");
        return desk.page(user, "revision-diff", model);
    }

    /** Restores over the version named in the form: if someone saved since, a 412 page, and nothing is overwritten. */
    @Post(uri = "/{lang}/revisions/{number}/restore", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> restore(@PathVariable long id, @PathVariable String lang, @PathVariable int number,
                                        @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Language language = language(lang);
        policy.require(Actor.of(user), Permission.EDIT_VARIANT, language.code());
        long version;
        try {
            version = Long.parseLong(form.get("version").strip());
        } catch (NumberFormatException e) {
            return revisionsPage(user, HttpStatus.BAD_REQUEST, id, language, "",
                    desk.words(user).get("revisions.noVersion"), null);
        }
        try {
            Api.VariantView restored = content.restoreRevision(id, language.code(), number, version, Actor.of(user));
            return Desk.seeOther("/desk/documents/" + id + "/" + language.code() + "/revisions?restored=" + number
                    + "#r" + restored.revision());
        } catch (DomainException e) {
            // Someone else's save came between: show what is current now, so that restoring again is a decision.
            Api.VariantView current = e.kind() == DomainException.Kind.STALE_VERSION
                    ? content.getVariant(id, language.code()) : null;
            return revisionsPage(user, Desk.status(e), id, language, "", current == null ? e.getMessage()
                    : desk.words(user).get("revisions.conflict"), current);
        }
    }

    @Get(uri = "/history", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> history(@PathVariable long id, @Nullable @QueryValue String page, Authentication user) {
        Api.DocumentView all = content.getDocument(id);
        Api.DocumentView doc = policy.readableLanguages(Actor.of(user)).map(all::inLanguages).orElse(all);
        int current = page == null ? 1 : number("page", page);
        AuditLog.Page found = audit.find(new AuditLog.Query(id, null, null, null, Math.min(current, 1_000_000), LOG_PAGE,
                policy.readableLanguages(Actor.of(user)).orElse(null)));
        Map<String, String> words = desk.words(user);
        Map<String, Object> model = new HashMap<>();
        model.put("doc", doc);
        model.put("title", title(doc));
        model.put("entries", found.items().stream().map(e -> entry(e, words)).toList());
        model.put("page", found.page());
        model.put("pages", (found.total() + LOG_PAGE - 1) / LOG_PAGE);
        model.put("section", "documents");
        return desk.page(user, "history", model);
    }

    /** An audit entry as the desk shows it: the action in the user's words (its code when the desk has none). */
    static Map<String, Object> entry(AuditLog.Entry e, Map<String, String> words) {
        Map<String, Object> row = new HashMap<>();
        row.put("e", e);
        row.put("action", words.getOrDefault("audit." + e.action(), e.action()));
        row.put("from", e.fromStatus() == null ? "" : words.getOrDefault("state." + e.fromStatus(), e.fromStatus()));
        row.put("to", e.toStatus() == null ? "" : words.getOrDefault("state." + e.toStatus(), e.toStatus()));
        return row;
    }

    private MutableHttpResponse<String> revisionsPage(Authentication user, HttpStatus status, long id, Language language,
                                                      String flash, String error, @Nullable Api.VariantView theirs) {
        Api.DocumentView doc = content.getDocument(id);
        Api.VariantView v = content.getVariant(id, language.code());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Api.RevisionSummary r : content.listRevisions(id, language.code())) {
            Map<String, Object> row = new HashMap<>();
            row.put("r", r);
            row.put("current", r.number() == v.revision());
            row.put("live", v.liveRevision() != null && r.number() == v.liveRevision());
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("doc", doc);
        model.put("v", v);
        model.put("language", language);
        model.put("rows", rows);
        model.put("canEdit", policy.allows(Actor.of(user), Permission.EDIT_VARIANT, language.code()));
        model.put("theirs", theirs);
        model.put("flash", flash);
        model.put("error", error);
        model.put("section", "documents");
        return desk.page(user, status, "revisions", model);
    }

    private Language readable(Authentication user, String code) {
        Language language = language(code);
        policy.require(Actor.of(user), Permission.READ, language.code());
        return language;
    }

    private Language language(String code) {
        return languages.find(code).orElseThrow(() -> DomainException.notFound("this site has no language " + code));
    }

    private static String title(Api.DocumentView doc) {
        return doc.variants().isEmpty() ? doc.key() : doc.variants().get(0).title();
    }

    private static int number(String field, String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n < 1) {
                throw DomainException.invalid(field, "give a number from 1 up");
            }
            return n;
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "give a number from 1 up");
        }
    }
}
