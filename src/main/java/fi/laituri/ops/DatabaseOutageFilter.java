package fi.laituri.ops;

import io.micronaut.context.annotation.Requires;
import fi.laituri.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import javax.sql.DataSource;
import java.util.List;

/**
 * While {@link DatabaseOutage} is open, the routes that need the database (the editorial and public content APIs
 * and previews) are answered {@code 503} at once, before the token is looked up. The site's files and search
 * need no database and are not behind it.
 */
// Not on a search node, which has no database.
@Requires(beans = DataSource.class)
@ServerFilter({"/api/v1/**", "/api/public/**", "/preview/**"})
class DatabaseOutageFilter implements Ordered {

    private final DatabaseOutage outage;

    DatabaseOutageFilter(DatabaseOutage outage) {
        this.outage = outage;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> refuseWhileAway(HttpRequest<?> request) {
        return outage.isOpen() ? unavailable(request, outage) : null;
    }

    static MutableHttpResponse<?> unavailable(HttpRequest<?> request, DatabaseOutage outage) {
        return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                        "The database cannot be reached just now; nothing was changed. Try again shortly.", List.of())
                .header("Retry-After", Long.toString(outage.retryAfterSeconds()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
