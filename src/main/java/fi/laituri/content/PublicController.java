package fi.laituri.content;

import fi.laituri.db.ReplicaReads;
import fi.laituri.language.Languages;
import fi.laituri.markdown.Slugs;
import fi.laituri.security.Public;
import fi.laituri.web.Problem;
import fi.laituri.web.ProblemException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/**
 * The public, read-only content API: live revisions only, no token needed. Its reads may be answered by a database
 * replica (see {@link ReplicaReads}), so they may be a moment behind a publish.
 */
@Tag(name = "public")
@ApiResponse(responseCode = "400", description = "A parameter is invalid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "Nothing is here",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/public/v1")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
class PublicController {

    private final PublicContent content;
    private final Languages languages;

    PublicController(PublicContent content, Languages languages) {
        this.content = content;
        this.languages = languages;
    }

    @Operation(summary = "What is published in a language, newest first")
    @Get("/{lang}")
    List<PublicContent.Item> list(@PathVariable String lang,
                                  @QueryValue(defaultValue = "1") @Min(1) @Max(100000) int page,
                                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        String language = language(lang);
        return ReplicaReads.allow(() -> content.list(language, page, size));
    }

    @Operation(summary = "One published page by language and slug")
    @Get("/{lang}/{slug}")
    PublicContent.Page page(@PathVariable String lang, @PathVariable String slug) {
        String language = language(lang);
        if (!Slugs.isValid(slug)) {
            throw ProblemException.notFound("nothing is published at " + lang + "/" + slug.replaceAll("\\p{Cntrl}", "?"));
        }
        return ReplicaReads.allow(() -> content.find(language, slug))
                .orElseThrow(() -> ProblemException.notFound("nothing is published at " + lang + "/" + slug));
    }

    private String language(String code) {
        if (!languages.isConfigured(code)) {
            throw ProblemException.notFound("this site has no language " + code.replaceAll("\\p{Cntrl}", "?"));
        }
        return code;
    }
}
