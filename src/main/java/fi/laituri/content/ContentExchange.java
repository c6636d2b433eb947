package fi.laituri.content;

import fi.laituri.audit.AuditLog;
import fi.laituri.security.Actor;
import fi.laituri.DomainException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's side of the content folder: one file's variant brought in as documents would change it,
 * and everything read out for writing the folder back.
 */
@Singleton
class ContentExchange {

    private final DocumentRepository documents;
    private final VariantRepository variants;
    private final Documents changes;
    private final Authors authors;
    private final ContentChecks checks;
    private final ContentWrites writes;
    private final ContentViews views;
    private final AuditLog audit;
    private final PublicChanges publicChanges;

    ContentExchange(DocumentRepository documents, VariantRepository variants, Documents changes, Authors authors,
                    ContentChecks checks, ContentWrites writes, ContentViews views, AuditLog audit,
                    PublicChanges publicChanges) {
        this.documents = documents;
        this.variants = variants;
        this.changes = changes;
        this.authors = authors;
        this.checks = checks;
        this.writes = writes;
        this.views = views;
        this.audit = audit;
        this.publicChanges = publicChanges;
    }

    ImportOutcome importAuthor(String id, String name, String title, String organisation) {
        return authors.importAuthor(id, name, title, organisation);
    }

    /**
     * Brings one file of the content folder into the database: creates the document and variant when
     * new, appends a revision when the content differs, and does nothing when it is the same.
     */
    ImportOutcome importVariant(String key, Kind kind, String language, Api.VariantInput input, Status status,
                                Actor actor) {
        ContentChecks.validKey(key);
        checks.requireLanguage("language", language);
        return writes.write(() -> {
            Document doc = documents.findByTranslationKey(key)
                    .orElseGet(() -> documents.save(new Document(null, kind.code(), key, null, null, null)));
            if (!doc.kind().equals(kind.code())) {
                throw DomainException.conflict("kind-conflict",
                        "document " + key + " is a " + doc.kind() + ", not a " + kind.code());
            }
            Optional<Variant> existing = variants.findByDocumentIdAndLanguage(doc.id(), language);
            if (existing.isEmpty()) {
                Variant v = changes.insertVariant(doc, language, checks.toContent(input, null, ""), actor);
                if (status != Status.DRAFT) {
                    setImportedStatus(doc, v, status, actor);
                }
                return ImportOutcome.CREATED;
            }
            Variant current = existing.get();
            VariantContent content = checks.toContent(input, current, "");
            boolean statusChanged = !current.status().equals(status.code());
            if (content.hash().equals(current.contentHash()) && !statusChanged) {
                return ImportOutcome.UNCHANGED;
            }
            Variant updated = current;
            if (!content.hash().equals(current.contentHash())) {
                updated = changes.saveRevision(doc, current, content, actor, null);
            }
            if (status != updated.state()) {
                setImportedStatus(doc, updated, status, actor);
            }
            return ImportOutcome.UPDATED;
        });
    }

    /**
     * The content folder says what state a variant is in; an import makes it so, as the
     * publisher who wrote the file would have: published means live at the current revision.
     */
    private void setImportedStatus(Document doc, Variant v, Status status, Actor actor) {
        Integer live = switch (status) {
            case PUBLISHED -> v.revision();
            case UNPUBLISHED -> null;
            default -> v.liveRevision();
        };
        Variant updated = variants.update(v.withWorkflow(status, live, null,
                live != null && v.firstPublishedAt() == null ? Instant.now() : v.firstPublishedAt(), null, null));
        audit.record(AuditLog.Event.of(actor.name(), "variant.imported-status", doc.id(), v.language())
                .revision(v.revision()).states(v.status(), status.code()));
        if (live != null && !live.equals(v.liveRevision())) {
            publicChanges.record(PublicChanges.PUBLISHED, doc, updated);
        } else if (live == null && v.isLive()) {
            publicChanges.record(PublicChanges.UNPUBLISHED, doc, v);
        }
    }

    /** Everything in the store, for writing the content folder. */
    @Transactional
    List<ExportedDocument> exportAll() {
        List<ExportedDocument> out = new ArrayList<>();
        for (Document d : documents.listForExport()) {
            List<ExportedVariant> vs = variants.findByDocumentIdOrderByLanguage(d.id()).stream()
                    .map(v -> new ExportedVariant(v.language(), v.slug(), v.title(), v.summary(), v.body(), v.tags(),
                            v.authors(), views.offset(v.contentDate()), v.status()))
                    .toList();
            out.add(new ExportedDocument(Kind.parse(d.kind()).orElseThrow(), d.translationKey(), vs));
        }
        return out;
    }

    @Transactional
    List<Api.AuthorView> exportAuthors() {
        return authors.listAuthors();
    }

    record ExportedDocument(Kind kind, String key, List<ExportedVariant> variants) {
    }

    record ExportedVariant(String language, String slug, String title, String summary, String body,
                           List<String> tags, List<String> authors, OffsetDateTime date, String status) {
    }
}
