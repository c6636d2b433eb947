package fi.laituri.search;

import fi.laituri.DomainException;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.EditorialApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Why a page ranks where it does: Lucene's explanation of each hit of a query, for editors. Every role may read
 * it ({@link Permission#READ}): it shows only what the public search already ranks, with the arithmetic.
 */
@Tag(name = "search")
@EditorialApi
@Controller("/api/v1/search/explain")
@ExecuteOn(TaskExecutors.BLOCKING)
class SearchExplainController {

    private static final int MAX_HITS = 20;

    private final SearchIndex index;
    private final SearchRequests requests;

    SearchExplainController(SearchIndex index, SearchRequests requests) {
        this.index = index;
        this.requests = requests;
    }

    @Operation(summary = "Explain the ranking of a search: the first hits (limit, at most 20) and, with doc "
            + "(<key>:<language>), that page wherever it ranks, each with Lucene's explanation of its score")
    @Get
    @Allowed(Permission.READ)
    SearchIndex.Explanation explain(@QueryValue @Nullable String q, @QueryValue @Nullable String lang,
                                    @QueryValue @Nullable String doc, @QueryValue @Nullable String limit) {
        SearchIndex.Request request = requests.parse(q, lang, null, null, null);
        if (doc != null && (doc.length() > 300 || doc.indexOf(':') < 1)) {
            throw DomainException.invalid("doc", "a page's id, <key>:<language>, such as partnership-goals:fi");
        }
        return index.explain(request, doc, limit(limit));
    }

    private static int limit(@Nullable String limit) {
        if (limit == null || limit.isBlank()) {
            return 3;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 0 && n <= MAX_HITS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw DomainException.invalid("limit", "a whole number from 0 to " + MAX_HITS);
    }
}
