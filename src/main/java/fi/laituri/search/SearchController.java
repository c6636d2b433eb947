package fi.laituri.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import fi.laituri.security.Public;
import fi.laituri.web.Problem;
import fi.laituri.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** The public search API: no token, rate limited per client, CORS as configured ({@link SearchLimits}). */
@Tag(name = "search")
@ApiResponse(responseCode = "400", description = "A parameter is invalid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "Nothing is here",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "429", description = "Too many searches from this client; try again in a moment",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/search")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
class SearchController {

    private final SearchIndex index;
    private final SearchRequests requests;
    private final Timer searches;

    SearchController(SearchIndex index, SearchRequests requests, MeterRegistry meters) {
        this.index = index;
        this.searches = meters.timer("laituri.search", "endpoint", "api");
        this.requests = requests;
    }

    @Operation(summary = "Search the published site in a language: hits with highlighted snippets, facet counts by kind and tag")
    @Get
    SearchIndex.SearchResult search(@QueryValue @Nullable String q, @QueryValue @Nullable String lang,
                                    @QueryValue @Nullable String kind, @QueryValue @Nullable String tag,
                                    @QueryValue @Nullable String page) {
        SearchIndex.Request request = requests.parse(q, lang, kind, tag, page);
        return searches.record(() -> index.search(request));
    }

    @Serdeable
    record Suggestions(String query, List<String> suggestions) {
    }

    @Operation(summary = "Completions of the last word of a query, for autocomplete")
    @Get("/suggest")
    Suggestions suggest(@QueryValue @Nullable String q, @QueryValue @Nullable String lang) {
        SearchIndex.Request request = requests.parse(q, lang, null, null, null);
        if (request.text().length() > 100) {
            throw DomainException.invalid("q", "at most 100 characters for suggestions");
        }
        return new Suggestions(request.text(), new ArrayList<>(index.suggest(request.text(), request.language(), 8)));
    }
}
