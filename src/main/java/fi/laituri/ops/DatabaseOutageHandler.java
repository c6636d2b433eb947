package fi.laituri.ops;

import fi.laituri.db.ReplicaReads;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;

/**
 * An unexpected failure: when the database could not be reached (whichever layer wrapped the driver's or the
 * pool's exception), a {@code 503} with {@code Retry-After}, and the breaker opens; when only a replica failed, a
 * {@code 503} and the breaker stays closed; anything else stays what it was, a logged {@code 500} problem. Failures the domain expects have handlers of their own, which win.
 */
// Not on a search node, which has no database.
@Requires(beans = DataSource.class)
@Produces
@Singleton
class DatabaseOutageHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageHandler.class);

    private final DatabaseOutage outage;
    private final ErrorResponseProcessor<?> errors;

    DatabaseOutageHandler(DatabaseOutage outage, ErrorResponseProcessor<?> errors) {
        this.outage = outage;
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        if (ReplicaReads.isReplicaFailure(exception)) {
            // Reads that may go to a replica are run again on the primary (ReplicaReads.allow); one that was not is
            // answered as a moment's unavailability, and the breaker stays closed: the primary answers.
            LOG.warn("{} {}: a replica failed outside a replica read", request.getMethodName(), request.getPath(), exception);
            return DatabaseOutageFilter.unavailable(request, outage);
        }
        if (DatabaseOutage.isUnreachable(exception)) {
            outage.unreachable(exception);
            LOG.warn("{} {}: the database cannot be reached", request.getMethodName(), request.getPath());
            return DatabaseOutageFilter.unavailable(request, outage);
        }
        LOG.error("Unexpected error occurred: {}", exception.getMessage(), exception);
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage("Internal Server Error: " + exception.getMessage()).build(), HttpResponse.serverError());
    }
}
