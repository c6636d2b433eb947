package fi.laituri.ops;

import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;

import java.security.Principal;

/**
 * {@code /health}, {@code /health/liveness} and {@code /health/readiness}, open to anyone (load balancers), but
 * their details (the database's URL, user and version, disk totals, the index's folder) only to a signed-in user
 * whose role may {@link Permission#MONITOR monitor}; everyone else sees the status alone.
 */
@Endpoint(id = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
class MonitoredHealth extends HealthEndpoint {

    private final Policy policy;

    MonitoredHealth(HealthAggregator<HealthResult> aggregator, HealthIndicator[] indicators,
                    @Liveness HealthIndicator[] liveness, Policy policy) {
        super(aggregator, indicators, liveness);
        this.policy = policy;
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(@Nullable Principal principal) {
        if (principal instanceof Authentication authentication
                && policy.grants(Actor.of(authentication).role(), Permission.MONITOR)) {
            return HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS;
        }
        return HealthLevelOfDetail.STATUS;
    }
}
