package fi.laituri.workflow;

import fi.laituri.audit.AuditLog;
import fi.laituri.content.Document;
import fi.laituri.content.PublicChanges;
import fi.laituri.content.Status;
import fi.laituri.content.Variant;
import fi.laituri.content.VariantStates;
import fi.laituri.media.MediaChecks;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * The moments a variant goes live or stops being live, shared by transitions, the scheduler and
 * releases. Runs in the caller's transaction; each step writes its audit entry and outbox event there.
 */
@Singleton
class Publishing {

    private final VariantStates states;
    private final AuditLog audit;
    private final PublicChanges publicChanges;
    private final Clock clock;
    private final MediaChecks media;

    Publishing(VariantStates states, AuditLog audit, PublicChanges publicChanges, Clock clock, MediaChecks media) {
        this.states = states;
        this.audit = audit;
        this.publicChanges = publicChanges;
        this.clock = clock;
        this.media = media;
    }

    /** Makes the working revision live, when the files it names are there and its images have alt text in its language. */
    Variant publish(Document doc, Variant v, String actor, String comment) {
        media.beforePublishing(v.language(), v.body());
        Variant updated = states.markLive(v, clock.instant());
        audit.record(AuditLog.Event.of(actor, "variant.published", doc.id(), v.language()).revision(v.revision())
                .states(v.status(), Status.PUBLISHED.code()).comment(comment));
        publicChanges.record(PublicChanges.PUBLISHED, doc, updated);
        return updated;
    }

    /** Takes the variant off everything public at once; a working draft stays as it is. */
    Variant unpublish(Document doc, Variant v, String actor, String comment) {
        Status next = v.state() == Status.PUBLISHED ? Status.UNPUBLISHED : v.state();
        Variant updated = states.markNotLive(v, next);
        audit.record(AuditLog.Event.of(actor, "variant.unpublished", doc.id(), v.language()).revision(v.liveRevision())
                .states(v.status(), next.code()).comment(comment));
        publicChanges.record(PublicChanges.UNPUBLISHED, doc, v, Map.of());
        return updated;
    }
}
