package fi.laituri.search;

import fi.laituri.web.Problems;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * On a search node ({@code laituri search-server}, no database) only search is served: every other path is
 * a 404 problem before anything (token checks included) would reach for the database, and search requests
 * lose any {@code Authorization} header.
 */
@ServerFilter("/**")
@Requires(property = "laituri.search.node", value = "true")
class SearchNodeOnly implements Ordered {

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> onlySearch(MutableHttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals("/search") || path.equals("/api/search") || path.startsWith("/api/search/")) {
            // Search is public; a token sent along anyway must not send the security check to the database.
            request.getHeaders().remove(HttpHeaders.AUTHORIZATION);
            return null;
        }
        return Problems.response(request, HttpStatus.NOT_FOUND, "not-found",
                "This is a search node: it serves /api/search, /api/search/suggest and /search only.", List.of());
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
