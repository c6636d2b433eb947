package fi.laituri.translation;

import fi.laituri.web.EditorialApi;
import fi.laituri.content.RevisionDiff;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

@Tag(name = "translations")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/translations")
@ExecuteOn(TaskExecutors.BLOCKING)
class TranslationController {

    static final String XLIFF = "application/xliff+xml";

    private final Translations translations;
    private final XliffExchange xliff;

    TranslationController(Translations translations, XliffExchange xliff) {
        this.translations = translations;
        this.xliff = xliff;
    }

    @Operation(summary = "A translator's worklist, oldest first",
            description = "state: missing, in_progress, outdated or up_to_date; without it everything but up_to_date. "
                    + "Without lang, every language the user may see (a translator's own).")
    @Get("{?lang,state}")
    @Allowed(Permission.READ)
    TranslationApi.Worklist worklist(@Nullable @QueryValue String lang, @Nullable @QueryValue String state,
                                     Authentication user) {
        return translations.worklist(lang, state, Actor.of(user));
    }

    @Operation(summary = "Per language: counts by state, and published source items with no version in it")
    @Get("/overview")
    @Allowed(Permission.READ)
    TranslationApi.Overview overview(Authentication user) {
        return translations.overview(Actor.of(user));
    }

    @Operation(summary = "Export documents as one XLIFF 2.0 file for a target language",
            description = "documents: ids (repeat the parameter); or state: every document of the worklist in that state.")
    @Get(value = "/xliff{?lang,documents,state}", produces = XLIFF)
    @Allowed(Permission.EDIT_VARIANT)
    HttpResponse<String> exportMany(@Nullable @QueryValue String lang, @Nullable @QueryValue List<Long> documents,
                                    @Nullable @QueryValue String state, Authentication user) {
        Actor actor = Actor.of(user);
        List<Long> ids = documents != null && !documents.isEmpty() ? documents
                : state == null ? List.of() : translations.worklist(lang, state, actor).items().stream()
                .map(TranslationApi.TranslationStatus::documentId).distinct().toList();
        return attachment(xliff.export(ids, lang, actor), "laituri-" + lang + ".xlf");
    }

    @Operation(summary = "Import an XLIFF 2.0 file of any number of documents",
            description = "Each document gets a new draft revision, checked against the version it was exported with.")
    @Post(value = "/xliff{?lang}")
    @Consumes({XLIFF, MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Allowed(Permission.EDIT_VARIANT)
    TranslationApi.ImportResult importMany(@Nullable @QueryValue String lang, @Nullable @Body String file,
                                           Authentication user) {
        return xliff.importFile(file, lang, null, null, Actor.of(user));
    }

    @Operation(summary = "Where a language version stands against its source")
    @Get("/{id}/{lang}")
    @Allowed(Permission.READ)
    TranslationApi.TranslationStatus status(@PathVariable long id, @PathVariable String lang, Authentication user) {
        return translations.status(id, lang, Actor.of(user));
    }

    @Operation(summary = "What changed in the source since the translation was made",
            description = "The source's changed fields and paragraphs (word mode) from the revision the translation "
                    + "was made from to the source's live one.")
    @Get("/{id}/{lang}/source-diff")
    @Allowed(Permission.READ)
    RevisionDiff.Diff sourceDiff(@PathVariable long id, @PathVariable String lang, Authentication user) {
        return translations.sourceDiff(id, lang, Actor.of(user));
    }

    @Operation(summary = "Mark a translation up to date without changing it (audited)",
            description = "For a source change that needs no translation, such as a typo fix.")
    @Post("/{id}/{lang}/up-to-date")
    @Allowed(Permission.EDIT_VARIANT)
    TranslationApi.TranslationStatus markUpToDate(@PathVariable long id, @PathVariable String lang,
                                                  @Body @Valid TranslationApi.UpToDateRequest request,
                                                  Authentication user) {
        return translations.markUpToDate(id, lang, request.revision(), request.comment(), Actor.of(user));
    }

    @Operation(summary = "Export one document as XLIFF 2.0")
    @Get(value = "/{id}/{lang}/xliff", produces = XLIFF)
    @Allowed(Permission.EDIT_VARIANT)
    HttpResponse<String> export(@PathVariable long id, @PathVariable String lang, Authentication user) {
        return attachment(xliff.export(List.of(id), lang, Actor.of(user)), "laituri-" + id + "-" + lang + ".xlf");
    }

    @Operation(summary = "Import one document's XLIFF 2.0 file as a new draft revision",
            description = "If-Match overrides the version the file was exported with.")
    @Post("/{id}/{lang}/xliff")
    @ApiResponse(responseCode = "412", description = "If-Match, or else the file, names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Consumes({XLIFF, MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Allowed(Permission.EDIT_VARIANT)
    TranslationApi.ImportResult importOne(@PathVariable long id, @PathVariable String lang,
                                          @Nullable @Header("If-Match") String ifMatch, @Nullable @Body String file,
                                          Authentication user) {
        return xliff.importFile(file, lang, id, ifMatch, Actor.of(user));
    }

    private static HttpResponse<String> attachment(String xml, String name) {
        return HttpResponse.ok(xml).contentType(XLIFF + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    }
}
