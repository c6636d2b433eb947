package fi.laituri.content;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * The way workflow changes where a variant stands: its state, what of it is live, and what is scheduled.
 * Each method runs in the caller's transaction and leaves the content alone; the caller, which knows
 * why, records the audit entry and the public change.
 */
@Singleton
public class VariantStates {

    private final VariantRepository variants;

    VariantStates(VariantRepository variants) {
        this.variants = variants;
    }

    /** The variant, locked until the caller's transaction ends: concurrent transitions queue here. */
    public Optional<Variant> lock(long documentId, String language) {
        return variants.lock(documentId, language);
    }

    /** The variant if its publication is still due and no other instance is handling it (locked, skipping locked rows). */
    public Optional<Variant> claimDuePublication(long variantId, Instant now) {
        return variants.claimDuePublication(variantId, now);
    }

    /** The variant if its unpublication is still due and no other instance is handling it. */
    public Optional<Variant> claimDueUnpublication(long variantId, Instant now) {
        return variants.claimDueUnpublication(variantId, now);
    }

    /** Moves the variant to another state; who submitted it goes with the state (null once it is out of review). */
    public Variant move(Variant v, Status to, String submittedBy) {
        return variants.update(v.withWorkflow(to, v.liveRevision(), submittedBy, v.firstPublishedAt(),
                v.publishAt(), v.unpublishAt()));
    }

    /** Makes the working revision live; a scheduled publication is done, a scheduled unpublication stays. */
    public Variant markLive(Variant v, Instant now) {
        return variants.update(v.withWorkflow(Status.PUBLISHED, v.revision(), null,
                v.firstPublishedAt() == null ? now : v.firstPublishedAt(), null, v.unpublishAt()));
    }

    /** Takes the variant off everything public; nothing stays scheduled. */
    public Variant markNotLive(Variant v, Status next) {
        return variants.update(v.withWorkflow(next, null, v.submittedBy(), v.firstPublishedAt(), null, null));
    }

    /** Sets when the variant is to go live and when to come off; null for either means not scheduled. */
    public Variant schedule(Variant v, Instant publishAt, Instant unpublishAt) {
        return variants.update(v.withWorkflow(v.state(), v.liveRevision(), v.submittedBy(), v.firstPublishedAt(),
                publishAt, unpublishAt));
    }

    /** Drops a scheduled publication or unpublication that kept failing, keeping the reason for the API to show. */
    public Variant giveUpSchedule(Variant v, boolean publication, String reason) {
        return variants.update(v.scheduleFailed(publication, reason));
    }
}
