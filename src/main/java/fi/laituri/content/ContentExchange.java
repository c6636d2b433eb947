package fi.laituri.content;

import fi.laituri.audit.AuditLog;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.DomainException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import fi.laituri.events.Outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    private final RevisionRows revisionRows;
    private final NewRows newRows;
    private final Languages languages;
    private final ApplicationEventPublisher<VariantsCreated> createdEvents;

    ContentExchange(DocumentRepository documents, VariantRepository variants, Documents changes, Authors authors,
                    ContentChecks checks, ContentWrites writes, ContentViews views, AuditLog audit,
                    PublicChanges publicChanges, RevisionRows revisionRows, NewRows newRows, Languages languages,
                    ApplicationEventPublisher<VariantsCreated> createdEvents) {
        this.revisionRows = revisionRows;
        this.newRows = newRows;
        this.languages = languages;
        this.createdEvents = createdEvents;
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
        return writes.undoneOnFailure(() -> {
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

    /** One file's language version, read and checked for form, to import. */
    record Incoming(String key, Kind kind, String language, Api.VariantInput input, Status status) {
    }

    /**
     * Imports a group of files in one transaction, and answers for each, in order, its {@link ImportOutcome} or the
     * {@link DomainException} (or {@link IllegalArgumentException}) that says why it was not imported. What is new (most of a first import) is checked in
     * full first, against what the group and the database hold, and then written in batches: the documents and versions,
     * then their revisions, audit entries, publish events and translation sources, so a large import is a few round
     * trips to the database per group of files rather than a dozen per file. A version that exists already is imported as
     * {@link #importVariant} does, undone to a savepoint if it fails. Should the group's transaction fail all the same
     * (a slug taken at the same moment by an editor), each file is imported again in a transaction of its own.
     */
    List<Object> importAll(List<Incoming> group, Actor actor) {
        try {
            return writes.write(() -> importTogether(group, actor));
        } catch (RuntimeException e) {
            List<Object> results = new ArrayList<>();
            for (Incoming i : group) {
                try {
                    results.add(importVariant(i.key(), i.kind(), i.language(), i.input(), i.status(), actor));
                } catch (DomainException | IllegalArgumentException problem) {
                    results.add(problem);
                }
            }
            return results;
        }
    }

    private List<Object> importTogether(List<Incoming> group, Actor actor) {
        return new GroupImport(group, actor).run();
    }

    /**
     * One group's import. New documents and versions are planned as the files come and inserted in batches
     * ({@link #flush}): at the end, and before anything that reads or writes the versions in the database (an existing
     * version imported as {@link #importVariant} does, a slug made from a title), so that each file still sees those
     * before it, as when each was inserted at once. Their revisions, audit entries, publish events and translation
     * sources are written at the end, in the order of the files, as before.
     */
    private final class GroupImport {

        private final List<Incoming> group;
        private final Actor actor;
        private final Map<String, Document> docs = new HashMap<>();
        /** Every version of the group's documents, by key/language, as it stands now (planned ones not yet). */
        private final Map<String, Variant> existing = new HashMap<>();
        private final Set<String> slugsTaken = new HashSet<>();
        private final Set<String> authorsKnown = new HashSet<>();
        private final List<Document> plannedDocs = new ArrayList<>();
        private final List<Planned> planned = new ArrayList<>();
        private final List<Revision> revisions = new ArrayList<>();
        private final List<AuditLog.Event> events = new ArrayList<>();
        private final List<Outbox.Append> published = new ArrayList<>();
        private final List<VariantsCreated.Created> created = new ArrayList<>();
        /** Keys of documents that had a version already when the group added one. */
        private final Set<String> touched = new LinkedHashSet<>();

        /** A new version to insert. */
        private record Planned(Incoming incoming, VariantContent content) {
        }

        GroupImport(List<Incoming> group, Actor actor) {
            this.group = group;
            this.actor = actor;
        }

        List<Object> run() {
            documents.findByTranslationKeyIn(group.stream().map(Incoming::key).collect(Collectors.toSet()))
                    .forEach(d -> docs.put(d.translationKey(), d));
            if (!docs.isEmpty()) {
                Map<Long, String> keys = new HashMap<>();
                docs.values().forEach(d -> keys.put(d.id(), d.translationKey()));
                variants.findByDocumentIdInOrderByLanguage(keys.keySet())
                        .forEach(v -> existing.put(keys.get(v.documentId()) + "/" + v.language(), v));
            }
            group.stream().filter(i -> i.input().slug() != null)
                    .collect(Collectors.groupingBy(Incoming::language, Collectors.mapping(i -> i.input().slug(), Collectors.toSet())))
                    .forEach((language, slugs) -> variants.findSlugByLanguageAndSlugIn(language, slugs)
                            .forEach(slug -> slugsTaken.add(language + "/" + slug)));
            List<Object> results = new ArrayList<>();
            for (Incoming i : group) {
                try {
                    results.add(importOne(i));
                } catch (DomainException | IllegalArgumentException problem) {
                    results.add(problem);
                }
            }
            flush();
            revisionRows.insert(revisions);
            audit.recordAll(events);
            publicChanges.recordAll(published);
            if (!created.isEmpty()) {
                createdEvents.publishEvent(new VariantsCreated(List.copyOf(created)));
            }
            newRows.touch(touched.stream().map(key -> docs.get(key).id()).toList());
            return results;
        }

        private ImportOutcome importOne(Incoming i) {
            ContentChecks.validKey(i.key());
            checks.requireLanguage("language", i.language());
            Document doc = docs.get(i.key());
            if (doc != null && !doc.kind().equals(i.kind().code())) {
                throw DomainException.conflict("kind-conflict",
                        "document " + i.key() + " is a " + doc.kind() + ", not a " + i.kind().code());
            }
            String at = i.key() + "/" + i.language();
            Variant current = existing.get(at);
            if (current != null) {
                VariantContent same = checks.toContent(i.input(), current, "", authorsKnown);
                if (same.hash().equals(current.contentHash()) && current.status().equals(i.status().code())) {
                    return ImportOutcome.UNCHANGED;
                }
                flush();
                ImportOutcome outcome = importVariant(i.key(), i.kind(), i.language(), i.input(), i.status(), actor);
                // What a translation created later in the group was made from, as reading it back then would say.
                existing.put(at, variants.findByDocumentIdAndLanguage(current.documentId(), i.language()).orElseThrow());
                return outcome;
            }
            VariantContent content = checks.toContent(i.input(), null, "", authorsKnown);
            if (content.slug() != null && !slugsTaken.add(i.language() + "/" + content.slug())) {
                throw Documents.slugConflict(i.language(), content.slug());
            }
            if (doc == null) {
                doc = new Document(null, i.kind().code(), i.key(), null, null, null);
                docs.put(i.key(), doc);
                plannedDocs.add(doc);
            } else {
                touched.add(i.key());
            }
            if (content.slug() == null) {
                flush();
                content = changes.withSlug(docs.get(i.key()), i.language(), content);
                slugsTaken.add(i.language() + "/" + content.slug());
            }
            planned.add(new Planned(i, content));
            return ImportOutcome.CREATED;
        }

        /** Inserts the planned documents and versions, and notes the rows that go with each version. */
        private void flush() {
            for (Document d : newRows.insertDocuments(plannedDocs)) {
                docs.put(d.translationKey(), d);
            }
            plannedDocs.clear();
            List<Variant> drafts = planned.stream().map(p -> imported(Documents.draft(docs.get(p.incoming().key()),
                    p.incoming().language(), p.content()), p.incoming().status())).toList();
            List<Variant> inserted = newRows.insertVariants(drafts);
            for (int n = 0; n < inserted.size(); n++) {
                Incoming i = planned.get(n).incoming();
                Variant v = inserted.get(n);
                Document doc = docs.get(i.key());
                // Its source as it stood when this version was created: the versions planned after it were not there yet.
                Optional<Variant> source = languages.find(i.language()).flatMap(Language::source)
                        .map(language -> existing.get(i.key() + "/" + language));
                existing.put(i.key() + "/" + i.language(), v);
                revisions.add(Revision.of(v, null, actor.name()));
                events.add(AuditLog.Event.of(actor.name(), "variant.created", doc.id(), i.language()).revision(1)
                        .states(null, Status.DRAFT.code()));
                if (i.status() != Status.DRAFT) {
                    events.add(AuditLog.Event.of(actor.name(), "variant.imported-status", doc.id(), i.language())
                            .revision(1).states(Status.DRAFT.code(), i.status().code()));
                }
                if (v.liveRevision() != null) {
                    published.add(publicChanges.event(PublicChanges.PUBLISHED, doc, v, Map.of()));
                }
                created.add(new VariantsCreated.Created(new VariantCreated(doc.id(), v.id(), i.language(), actor.name()),
                        source));
            }
            planned.clear();
        }
    }

    /** A new version in the state the file names, as {@link #setImportedStatus} would make it. */
    private static Variant imported(Variant draft, Status status) {
        return switch (status) {
            case DRAFT -> draft;
            case PUBLISHED -> draft.withWorkflow(status, draft.revision(), null, Instant.now(), null, null);
            default -> draft.withWorkflow(status, null, null, null, null, null);
        };
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
