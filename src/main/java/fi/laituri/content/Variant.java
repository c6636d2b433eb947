package fi.laituri.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/**
 * One language version of a document: its working content, the workflow state of that content
 * ({@code status}), and the revision the public sees ({@code liveRevision}, null when nothing is
 * public). {@code scheduleFailure} says why the scheduler gave up on its last scheduled change, until the
 * next workflow step. {@code version} guards every write against lost updates.
 */
@MappedEntity("variant")
public record Variant(@Id @GeneratedValue Long id, Long documentId, String language, String slug, String title,
                      String summary, String body, @TypeDef(type = DataType.JSON) List<String> tags,
                      @TypeDef(type = DataType.JSON) List<String> authors, @Nullable Instant contentDate,
                      String status, int revision, String contentHash, @Nullable Integer liveRevision,
                      @Nullable String submittedBy, @Nullable Instant firstPublishedAt,
                      @Nullable Instant publishAt, @Nullable Instant unpublishAt, @Nullable String scheduleFailure,
                      @Version Long version,
                      @DateCreated Instant createdAt, @DateUpdated Instant updatedAt) {

    VariantContent content() {
        return new VariantContent(slug, title, summary, body, tags, authors, contentDate);
    }

    /**
     * New working content. What was submitted, approved or scheduled was the old content, so the
     * variant goes back to draft and a scheduled publication is dropped; the live revision stays.
     */
    Variant withContent(VariantContent c, int newRevision) {
        return new Variant(id, documentId, language, c.slug(), c.title(), c.summary(), c.body(), c.tags(),
                c.authors(), c.date(), Status.DRAFT.code(), newRevision, c.hash(), liveRevision, null,
                firstPublishedAt, null, unpublishAt, scheduleFailure, version, createdAt, updatedAt);
    }

    public Status state() {
        return Status.parse(status).orElseThrow();
    }

    public boolean isLive() {
        return liveRevision != null;
    }

    /** Only through {@link VariantStates} (and the content folder's import), so no feature edits the row itself. */
    Variant withWorkflow(Status newStatus, Integer newLiveRevision, String newSubmittedBy,
                         Instant newFirstPublishedAt, Instant newPublishAt, Instant newUnpublishAt) {
        return new Variant(id, documentId, language, slug, title, summary, body, tags, authors, contentDate,
                newStatus.code(), revision, contentHash, newLiveRevision, newSubmittedBy, newFirstPublishedAt,
                newPublishAt, newUnpublishAt, null, version, createdAt, updatedAt);
    }

    /** The scheduler gave up on the scheduled publication (or unpublication): it is dropped, and {@code reason} kept. */
    public Variant scheduleFailed(boolean publication, String reason) {
        return new Variant(id, documentId, language, slug, title, summary, body, tags, authors, contentDate,
                status, revision, contentHash, liveRevision, submittedBy, firstPublishedAt,
                publication ? null : publishAt, publication ? unpublishAt : null, reason, version, createdAt, updatedAt);
    }
}
