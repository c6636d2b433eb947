package fi.laituri.content;

import fi.laituri.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the outbox events that tell the site builder and webhooks what became public or stopped being. */
@Singleton
public class PublicChanges {

    public static final String PUBLISHED = "variant.published";
    public static final String UNPUBLISHED = "variant.unpublished";
    public static final String SCHEDULED = "variant.scheduled";
    public static final String UNSCHEDULED = "variant.unscheduled";

    private final Outbox outbox;

    PublicChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    /** In the caller's transaction. */
    public void record(String type, Document document, Variant variant, Map<String, Object> extra) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("documentId", document.id());
        payload.put("key", document.translationKey());
        payload.put("kind", document.kind());
        payload.put("language", variant.language());
        payload.put("slug", variant.slug());
        payload.put("revision", variant.liveRevision() != null ? variant.liveRevision() : variant.revision());
        payload.putAll(extra);
        outbox.append(type, document.id(), variant.language(), variant.liveRevision(), payload);
    }

    public void record(String type, Document document, Variant variant) {
        record(type, document, variant, Map.of());
    }

    static Map<String, Object> at(String name, Instant time) {
        return time == null ? Map.of() : Map.of(name, time.toString());
    }
}
