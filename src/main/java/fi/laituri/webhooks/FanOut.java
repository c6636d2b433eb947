package fi.laituri.webhooks;

import fi.laituri.events.Outbox;
import fi.laituri.events.OutboxEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns outbox events into pending deliveries, one per matching webhook. The deliveries are written
 * in the consumer's transaction, with its new position: a crash before the commit leaves neither, so
 * the events are seen again; and a row per (webhook, event) at most, so seeing one again adds nothing.
 */
@Singleton
class FanOut {

    static final String CONSUMER = "webhooks";
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final DeliveryRepository deliveries;
    private final JsonMapper json;
    private final Clock clock;

    FanOut(Outbox outbox, DeliveryRepository deliveries, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /** Fans out every event not yet seen; returns how many there were. */
    int run() {
        int total = 0;
        int handled;
        do {
            handled = outbox.consume(CONSUMER, BATCH, this::fanOut);
            total += handled;
        } while (handled == BATCH);
        return total;
    }

    /** In the consumer's transaction. */
    void fanOut(OutboxEvent event) throws IOException {
        deliveries.addPending(event.id(), event.type(), event.createdAt(), body(event), clock.instant());
    }

    /** What receivers get: the event with its payload as a JSON object. */
    private String body(OutboxEvent event) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("createdAt", event.createdAt().toString());
        body.put("documentId", event.documentId());
        body.put("language", event.language());
        body.put("revision", event.revision());
        body.put("payload", json.readValue(event.payload(), Argument.mapOf(String.class, Object.class)));
        return json.writeValueAsString(body);
    }
}
