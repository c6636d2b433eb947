package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Documents;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.translation.TranslationApi;
import fi.laituri.translation.Translations;
import fi.laituri.translation.XliffExchange;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * XLIFF for translators who work in their own tools: the worklist's documents (or one document) as one file for their
 * language, and a translated file back, through the same export and import as the editorial API. An import is
 * checked whole before anything is written, so a bad file changes nothing.
 */
@Hidden
@Controller("/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class XliffDesk {

    static final String XLIFF = "application/xliff+xml";

    private final XliffExchange xliff;
    private final Translations translations;
    private final Documents content;
    private final Languages languages;
    private final Policy policy;
    private final Desk desk;
    private final long maxFile;

    XliffDesk(XliffExchange xliff, Translations translations, Documents content, Languages languages, Policy policy,
              Desk desk, @Value("${micronaut.server.max-request-buffer-size:1MB}") @ReadableBytes long maxFile) {
        this.xliff = xliff;
        this.translations = translations;
        this.content = content;
        this.languages = languages;
        this.policy = policy;
        this.desk = desk;
        this.maxFile = maxFile;
    }

    /** Every document of the worklist (in the state, when one is chosen) in one file. */
    @Get(uri = "/translations/xliff", produces = MediaType.ALL)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> worklist(@Nullable @QueryValue String lang, @Nullable @QueryValue String state,
                                         Authentication user) {
        Actor actor = Actor.of(user);
        String wanted = state != null && WorkDesk.TRANSLATION_STATES.contains(state) ? state : null;
        List<Long> ids = translations.worklist(required(lang), wanted, actor).items().stream()
                .map(TranslationApi.TranslationStatus::documentId).distinct().toList();
        if (ids.isEmpty()) {
            throw DomainException.invalid("lang", "the worklist is empty: there is nothing to download");
        }
        return attachment(xliff.export(ids, lang, actor), "laituri-" + lang + ".xlf");
    }

    @Get(uri = "/documents/{id}/{lang}/xliff", produces = MediaType.ALL)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> document(@PathVariable long id, @PathVariable String lang, Authentication user) {
        return attachment(xliff.export(List.of(id), lang, Actor.of(user)), "laituri-" + id + "-" + lang + ".xlf");
    }

    /** The CSRF field comes first in the form, so it is checked before the file is read. */
    @Post(uri = "/translations/xliff", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> upload(@Nullable @Part("csrf") String csrf, @Nullable @Part("lang") String lang,
                                       @Nullable StreamingFileUpload file, Authentication user) {
        desk.checkToken(user, csrf);
        Map<String, String> words = desk.words(user);
        if (file == null || file.getFilename() == null || file.getFilename().isBlank()) {
            if (file != null) {
                file.discard();
            }
            return page(user, HttpStatus.BAD_REQUEST, lang, null, words.get("xliff.chooseFile"));
        }
        String text;
        try (InputStream in = file.asInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxFile) + 1);
            if (bytes.length > maxFile) {
                return page(user, HttpStatus.REQUEST_ENTITY_TOO_LARGE, lang, null, words.get("xliff.tooLarge"));
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return page(user, HttpStatus.BAD_REQUEST, lang, null, words.get("xliff.cutOff"));
        }
        try {
            TranslationApi.ImportResult result = xliff.importFile(text, lang, null, null, Actor.of(user));
            return page(user, HttpStatus.OK, lang, result, "");
        } catch (DomainException e) {
            return page(user, Desk.status(e), lang, null, e.getMessage());
        }
    }

    /** The upload form, with what an import did (each document's new revision and state) or why it did nothing. */
    private MutableHttpResponse<String> page(Authentication user, HttpStatus status, @Nullable String lang,
                                             @Nullable TranslationApi.ImportResult result, String error) {
        Actor actor = Actor.of(user);
        List<Language> translated = languages.all().stream().filter(l -> l.source().isPresent())
                .filter(l -> policy.allows(actor, Permission.EDIT_VARIANT, l.code())).toList();
        List<Map<String, Object>> imported = new ArrayList<>();
        if (result != null) {
            for (TranslationApi.Imported i : result.documents()) {
                Map<String, Object> row = new HashMap<>();
                row.put("i", i);
                row.put("title", content.getVariant(i.documentId(), i.language()).title());
                imported.add(row);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("languages", translated);
        model.put("language", lang == null ? "" : lang);
        model.put("imported", imported);
        model.put("done", result != null);
        model.put("error", error);
        model.put("section", "translations");
        return desk.page(user, status, "xliff", model);
    }

    private static String required(String lang) {
        if (lang == null || lang.isBlank()) {
            throw DomainException.invalid("lang", "name the language of the translation");
        }
        return lang;
    }

    private static MutableHttpResponse<String> attachment(String xml, String name) {
        return Desk.html(HttpStatus.OK, xml).contentType(XLIFF + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    }
}
