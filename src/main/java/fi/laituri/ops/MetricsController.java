package fi.laituri.ops;

import io.micronaut.context.annotation.Requires;
import fi.laituri.events.Outbox;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's metrics in Prometheus' text format, for a role that may {@link Permission#MONITOR monitor}. The
 * outbox lag (how long the oldest event a consumer has not handled yet has waited) is read from the database at
 * each scrape; with the database away it is left out of that scrape, and the rest is served.
 */
// Not on a search node, which has no database.
@Requires(beans = DataSource.class)
@Hidden
@Controller("/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry prometheus;
    private final MeterRegistry meters;
    private final Outbox outbox;
    private final DatabaseOutage outage;
    private final Clock clock;
    /** Seconds of lag per consumer, as the last scrape read them; NaN while unknown. */
    private final Map<String, AtomicReference<Double>> lag = new ConcurrentHashMap<>();

    MetricsController(PrometheusMeterRegistry prometheus, MeterRegistry meters, Outbox outbox, DatabaseOutage outage,
                      Clock clock) {
        this.prometheus = prometheus;
        this.meters = meters;
        this.outbox = outbox;
        this.outage = outage;
        this.clock = clock;
    }

    @Get(produces = PROMETHEUS_TEXT)
    @Allowed(Permission.MONITOR)
    HttpResponse<String> scrape() {
        readOutboxLag();
        return HttpResponse.ok(prometheus.scrape()).contentType(PROMETHEUS_TEXT);
    }

    private void readOutboxLag() {
        lag.values().forEach(value -> value.set(Double.NaN));
        if (outage.isOpen()) {
            return;
        }
        Map<String, Duration> lags;
        try {
            lags = outbox.lag(clock.instant());
        } catch (RuntimeException e) {
            if (DatabaseOutage.isUnreachable(e)) {
                outage.unreachable(e);
                return;
            }
            throw e;
        }
        lags.forEach((consumer, waited) -> gauge(consumer).set(waited.toMillis() / 1000.0));
    }

    private AtomicReference<Double> gauge(String consumer) {
        return lag.computeIfAbsent(consumer, c -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            Gauge.builder("laituri.outbox.lag", value, AtomicReference::get).baseUnit("seconds")
                    .description("age of the oldest event the consumer has not handled yet; 0 when it is up to date")
                    .tag("consumer", c).register(meters);
            return value;
        });
    }
}
