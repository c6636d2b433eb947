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
import fi.laituri.translation.TranslationApi;
import fi.laituri.translation.Translations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The worklists: the publisher's review queue and the translator's translations to make, oldest first. */
@Hidden
@Controller("/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class WorkDesk {

    static final List<String> TRANSLATION_STATES = List.of("missing", "outdated", "in_progress");

    private final Documents content;
    private final Translations translations;
    private final Languages languages;
    private final Policy policy;
    private final Desk desk;
    private final DocumentsDesk documents;

    WorkDesk(Documents content, Translations translations, Languages languages, Policy policy, Desk desk,
             DocumentsDesk documents) {
        this.content = content;
        this.translations = translations;
        this.languages = languages;
        this.policy = policy;
        this.desk = desk;
        this.documents = documents;
    }

    @Get(uri = "/review", produces = MediaType.TEXT_HTML)
    @Allowed({Permission.REVIEW, Permission.PUBLISH})
    MutableHttpResponse<String> review(@Nullable @QueryValue String done, Authentication user) {
        Map<String, Object> model = new HashMap<>();
        model.put("inReview", waiting("in_review"));
        model.put("approved", waiting("approved"));
        model.put("flash", done == null ? "" : desk.words(user).getOrDefault("done." + done, ""));
        return desk.page(user, "review", model);
    }

    @Get(uri = "/translations", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> translations(@Nullable @QueryValue String lang, @Nullable @QueryValue String state,
                                             Authentication user) {
        Actor actor = Actor.of(user);
        List<Language> translated = languages.all().stream().filter(l -> l.source().isPresent())
                .filter(l -> policy.readableLanguages(actor).map(own -> own.contains(l.code())).orElse(true)).toList();
        if (translated.isEmpty()) {
            throw DomainException.forbidden("you work in no language that is translated");
        }
        String language = lang != null && translated.stream().anyMatch(l -> l.code().equals(lang)) ? lang
                : translated.get(0).code();
        String wanted = state != null && TRANSLATION_STATES.contains(state) ? state : null;
        TranslationApi.Worklist worklist = translations.worklist(language, wanted, actor);
        Map<String, Object> model = new HashMap<>();
        model.put("languages", translated);
        model.put("language", language);
        model.put("state", wanted == null ? "" : wanted);
        model.put("states", TRANSLATION_STATES);
        model.put("items", worklist.items());
        model.put("canEdit", policy.allows(actor, Permission.EDIT_VARIANT, language));
        return desk.page(user, "translations", model);
    }

    /** Each version in the state, with its document; oldest change first. */
    private List<Map<String, Object>> waiting(String state) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Api.Page<Api.DocumentView> found = content.listDocuments(new DocumentSearch.Filter(null, null, state, null, null,
                1, 100, (Set<String>) null));
        for (Api.DocumentView doc : found.items()) {
            for (Api.VariantSummary v : doc.variants()) {
                if (v.status().equals(state)) {
                    Api.VariantView full = content.getVariant(doc.id(), v.language());
                    Map<String, Object> row = new HashMap<>();
                    row.put("doc", doc);
                    row.put("v", full);
                    row.put("updatedAt", documents.local(full.updatedAt()));
                    row.put("publishAt", documents.local(full.publishAt()));
                    rows.add(row);
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(r -> ((Api.VariantView) r.get("v")).updatedAt()));
        return rows;
    }
}
