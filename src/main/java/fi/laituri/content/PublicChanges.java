package fi.laituri.content;

import fi.laituri.events.Outbox;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the outbox events that tell the site builder and webhooks what became public or stopped being. */
@Singleton
public class PublicChanges {

    public static final String PUBLISHED = "variant.published";
    public static final String UNPUBLISHED = "variant.unpublished";
    public static final String SCHEDULED = "variant.scheduled";
    public static final String UNSCHEDULED = "variant.unscheduled";
    /** A live variant's public page changed without a new revision: its document's key or kind, or an author's byline. */
    public static final String CHANGED = "variant.changed";

    private final Outbox outbox;

    PublicChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    /** In the caller's transaction. */
    public void record(String type, Document document, Variant variant, Map<String, Object> extra) {
        Outbox.Append e = event(type, document, variant, extra);
        outbox.append(e.type(), e.documentId(), e.language(), e.revision(), e.payload());
    }

    /** The event {@link #record} appends, for appending many at once ({@link Outbox#appendAll}). */
    Outbox.Append event(String type, Document document, Variant variant, Map<String, Object> extra) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("documentId", document.id());
        payload.put("key", document.translationKey());
        payload.put("kind", document.kind());
        payload.put("language", variant.language());
        payload.put("slug", variant.slug());
        int revision = variant.liveRevision() != null ? variant.liveRevision() : variant.revision();
        payload.put("revision", revision);
        payload.putAll(extra);
        return new Outbox.Append(type, document.id(), variant.language(), revision, payload);
    }

    /** Appends {@code events} in the caller's transaction. */
    void recordAll(java.util.List<Outbox.Append> events) {
        outbox.appendAll(events);
    }

    public void record(String type, Document document, Variant variant) {
        record(type, document, variant, Map.of());
    }

    /** The schedule of a variant, for event payloads; absent times are left out. */
    public static Map<String, Object> schedule(Variant v) {
        Map<String, Object> times = new LinkedHashMap<>();
        if (v.publishAt() != null) {
            times.put("publishAt", v.publishAt().toString());
        }
        if (v.unpublishAt() != null) {
            times.put("unpublishAt", v.unpublishAt().toString());
        }
        return times;
    }
}
