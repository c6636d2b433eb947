package fi.laituri.content;

import fi.laituri.audit.AuditLog;
import fi.laituri.markdown.MarkdownLimits;
import fi.laituri.markdown.Slugs;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.DomainException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Documents with their language variants and the revisions of each. Every change checks the version
 * the client read, so no update is ever lost, and each change of content appends one immutable revision.
 */
@Singleton
public class Documents {

    private final DocumentRepository documents;
    private final VariantRepository variants;
    private final RevisionRepository revisions;
    private final DocumentSearch search;
    private final ContentChecks checks;
    private final ContentWrites writes;
    private final ContentViews views;
    private final Policy policy;
    private final AuditLog audit;
    private final PublicChanges publicChanges;
    private final ApplicationEventPublisher<VariantCreated> created;

    Documents(DocumentRepository documents, VariantRepository variants, RevisionRepository revisions,
              DocumentSearch search, ContentChecks checks, ContentWrites writes, ContentViews views, Policy policy,
              AuditLog audit, PublicChanges publicChanges, ApplicationEventPublisher<VariantCreated> created) {
        this.documents = documents;
        this.variants = variants;
        this.revisions = revisions;
        this.search = search;
        this.checks = checks;
        this.writes = writes;
        this.views = views;
        this.policy = policy;
        this.audit = audit;
        this.publicChanges = publicChanges;
        this.created = created;
    }

    // --- documents -------------------------------------------------------------------------------

    public Api.DocumentView createDocument(Api.CreateDocument request, Actor actor) {
        Kind kind = checks.parseKind(request.kind());
        List<Api.VariantInput> inputs = request.variants() == null ? List.of() : request.variants();
        for (int i = 0; i < inputs.size(); i++) {
            checks.requireLanguage("variants[" + i + "].language", inputs.get(i).language());
            policy.require(actor, Permission.EDIT_VARIANT, inputs.get(i).language());
        }
        long distinct = inputs.stream().map(Api.VariantInput::language).distinct().count();
        if (distinct != inputs.size()) {
            throw DomainException.invalid("variants", "each language may appear once");
        }
        String key = request.key() != null ? ContentChecks.validKey(request.key())
                : inputs.isEmpty() ? null : Slugs.fromTitle(inputs.get(0).title());
        return writes.write(() -> {
            String finalKey = key == null || key.isEmpty() ? uniqueKey("document") : key;
            if (documents.existsByTranslationKey(finalKey)) {
                if (request.key() != null) {
                    throw DomainException.conflict("key-conflict", "a document with key " + finalKey + " exists already");
                }
                finalKey = uniqueKey(finalKey);
            }
            Document doc = documents.save(new Document(null, kind.code(), finalKey, null, null, null));
            audit.record(AuditLog.Event.of(actor.name(), "document.created", doc.id(), null)
                    .detail("key " + doc.translationKey() + ", kind " + doc.kind()));
            for (int i = 0; i < inputs.size(); i++) {
                Api.VariantInput input = inputs.get(i);
                insertVariant(doc, input.language(), checks.toContent(input, null, "variants[" + i + "]."), actor);
            }
            return view(doc);
        });
    }

    @Transactional
    public Api.DocumentView getDocument(long id) {
        return view(document(id));
    }

    @Transactional
    public Optional<Api.DocumentView> findDocument(String key) {
        return documents.findByTranslationKey(key).map(this::view);
    }

    @Transactional
    public long countDocuments() {
        return documents.count();
    }

    @Transactional
    public Api.Page<Api.DocumentView> listDocuments(DocumentSearch.Filter filter) {
        if (filter.kind() != null) {
            checks.parseKind(filter.kind());
        }
        if (filter.language() != null) {
            checks.requireLanguage("language", filter.language());
        }
        if (filter.status() != null && Status.parse(filter.status()).isEmpty()) {
            throw DomainException.invalid("status", "unknown status; one of "
                    + ContentChecks.codes(Status.values(), Status::code));
        }
        DocumentSearch.Result result = search.find(filter);
        Map<Long, List<Variant>> byDocument = result.documents().isEmpty() ? Map.of()
                : variants.findByDocumentIdInOrderByLanguage(result.documents().stream().map(Document::id).toList())
                .stream().collect(Collectors.groupingBy(Variant::documentId));
        List<Api.DocumentView> items = result.documents().stream()
                .map(d -> view(d, byDocument.getOrDefault(d.id(), List.of())))
                .toList();
        return new Api.Page<>(items, filter.page(), filter.size(), result.total());
    }

    public Api.DocumentView updateDocument(long id, Long expectedVersion, Api.DocumentPatch patch, Actor actor) {
        Kind kind = patch.kind() == null ? null : checks.parseKind(patch.kind());
        String key = patch.key() == null ? null : ContentChecks.validKey(patch.key());
        return writes.write(() -> {
            Document doc = checked(document(id), expectedVersion);
            if (key != null && !key.equals(doc.translationKey()) && documents.existsByTranslationKey(key)) {
                throw DomainException.conflict("key-conflict", "a document with key " + key + " exists already");
            }
            Document updated = documents.update(doc.withKey(key == null ? doc.translationKey() : key,
                    kind == null ? doc.kind() : kind.code()));
            audit.record(AuditLog.Event.of(actor.name(), "document.changed", id, null)
                    .detail("key " + doc.translationKey() + " -> " + updated.translationKey()
                            + ", kind " + doc.kind() + " -> " + updated.kind()));
            if (!updated.translationKey().equals(doc.translationKey()) || !updated.kind().equals(doc.kind())) {
                // The key names its pages in other pages' doc: links and ties its translations; the kind files them.
                for (Variant v : variants.findByDocumentIdOrderByLanguage(id)) {
                    if (v.isLive()) {
                        publicChanges.record(PublicChanges.CHANGED, updated, v,
                                Map.of("previousKey", doc.translationKey(), "previousKind", doc.kind()));
                    }
                }
            }
            return view(updated);
        }, () -> document(id).version());
    }

    public void deleteDocument(long id, Long expectedVersion, Actor actor) {
        writes.write(() -> {
            Document doc = checked(document(id), expectedVersion);
            for (Variant v : variants.findByDocumentIdOrderByLanguage(id)) {
                if (v.isLive()) {
                    publicChanges.record(PublicChanges.UNPUBLISHED, doc, v, Map.of("reason", "deleted"));
                }
            }
            audit.record(AuditLog.Event.of(actor.name(), "document.deleted", id, null).detail("key " + doc.translationKey()));
            documents.delete(doc);
            return null;
        }, () -> document(id).version());
    }

    // --- variants --------------------------------------------------------------------------------

    public Api.VariantView createVariant(long documentId, Api.VariantInput input, Actor actor) {
        String language = checks.requireLanguage("language", input.language());
        policy.require(actor, Permission.EDIT_VARIANT, language);
        return writes.write(() -> {
            Document doc = document(documentId);
            if (variants.findByDocumentIdAndLanguage(documentId, language).isPresent()) {
                throw DomainException.conflict("variant-exists",
                        "document " + documentId + " has a " + language + " version already; update it instead");
            }
            Variant v = insertVariant(doc, language, checks.toContent(input, null, ""), actor);
            return view(doc, v);
        });
    }

    @Transactional
    public Api.VariantView getVariant(long documentId, String language) {
        Document doc = document(documentId);
        return view(doc, variant(doc.id(), language));
    }

    public Api.VariantView replaceVariant(long documentId, String language, Long expectedVersion,
                                          Api.VariantInput input, Actor actor) {
        return change(documentId, language, expectedVersion, current -> checks.toContent(input, current, ""), actor, null);
    }

    public Api.VariantView patchVariant(long documentId, String language, Long expectedVersion,
                                        Api.VariantPatch patch, Actor actor) {
        return change(documentId, language, expectedVersion, current -> {
            VariantContent c = current.content();
            Api.VariantInput merged = new Api.VariantInput(language,
                    patch.title() != null ? patch.title() : c.title(),
                    patch.slug() != null ? patch.slug() : c.slug(),
                    patch.summary() != null ? patch.summary() : c.summary(),
                    patch.body() != null ? patch.body() : c.body(),
                    patch.tags() != null ? patch.tags() : c.tags(),
                    patch.authors() != null ? patch.authors() : c.authors(),
                    patch.date() != null ? patch.date() : offset(c.date()));
            return checks.toContent(merged, current, "");
        }, actor, null);
    }

    public void deleteVariant(long documentId, String language, Long expectedVersion, Actor actor) {
        checks.requireLanguage("language", language);
        policy.require(actor, Permission.DELETE_VARIANT, language);
        writes.write(() -> {
            Document doc = document(documentId);
            Variant v = checked(variant(doc.id(), language), expectedVersion);
            if (v.isLive()) {
                publicChanges.record(PublicChanges.UNPUBLISHED, doc, v, Map.of("reason", "deleted"));
            }
            audit.record(AuditLog.Event.of(actor.name(), "variant.deleted", documentId, language)
                    .revision(v.revision()).states(v.status(), null));
            variants.delete(v);
            return null;
        }, () -> variant(documentId, language).version());
    }

    // --- revisions -------------------------------------------------------------------------------

    @Transactional
    public List<Api.RevisionSummary> listRevisions(long documentId, String language) {
        Variant v = variant(document(documentId).id(), language);
        return revisions.findByVariantIdOrderByNumberDesc(v.id()).stream()
                .map(r -> new Api.RevisionSummary(r.number(), r.title(), r.slug(), r.contentHash(), r.restoredFrom(),
                        r.createdBy(), r.createdAt()))
                .toList();
    }

    @Transactional
    public Api.RevisionView getRevision(long documentId, String language, int number) {
        Revision r = revision(variant(document(documentId).id(), language), number);
        return new Api.RevisionView(r.number(), r.slug(), r.title(), r.summary(), r.body(), r.tags(), r.authors(),
                offset(r.contentDate()), r.contentHash(), r.restoredFrom(), r.createdBy(), r.createdAt());
    }

    /** Makes an old revision's content current again, as a new revision. */
    public Api.VariantView restoreRevision(long documentId, String language, int number, Long expectedVersion,
                                           Actor actor) {
        return change(documentId, language, expectedVersion, current -> {
            VariantContent old = revision(current, number).content();
            MarkdownLimits.check(old.body()).ifPresent(over -> {
                throw DomainException.invalid("body", "the body of revision " + number + " " + over);
            });
            checks.requireAuthorsExist("authors", old.authors());
            return old;
        }, actor, number);
    }

    @Transactional
    public RevisionDiff.Diff diffRevisions(long documentId, String language, int from, int to, RevisionDiff.Mode mode) {
        checks.requireLanguage("language", language);
        Variant v = variant(document(documentId).id(), language);
        return RevisionDiff.compare(from, revision(v, from).content(), to, revision(v, to).content(), mode, views.zone());
    }

    // --- internals; insertVariant and saveRevision also serve the content folder's import --------

    private Api.VariantView change(long documentId, String language, Long expectedVersion,
                                   Function<Variant, VariantContent> newContent, Actor actor, Integer restoredFrom) {
        checks.requireLanguage("language", language);
        policy.require(actor, Permission.EDIT_VARIANT, language);
        return writes.write(() -> {
            Document doc = document(documentId);
            Variant current = checked(variant(doc.id(), language), expectedVersion);
            VariantContent content = newContent.apply(current);
            if (content.hash().equals(current.contentHash()) && restoredFrom == null) {
                return view(doc, current);
            }
            return view(doc, saveRevision(doc, current, content, actor, restoredFrom));
        }, () -> variant(documentId, language).version());
    }

    /** Adds a draft variant at revision 1; without a slug it gets one from its title. */
    Variant insertVariant(Document doc, String language, VariantContent content, Actor actor) {
        VariantContent c = withSlug(doc, language, content);
        if (variants.existsByLanguageAndSlug(language, c.slug())) {
            throw slugConflict(language, c.slug());
        }
        Variant v = variants.save(draft(doc, language, c));
        revisions.save(Revision.of(v, null, actor.name()));
        documents.touch(doc.id(), Instant.now());
        audit.record(AuditLog.Event.of(actor.name(), "variant.created", doc.id(), language).revision(1)
                .states(null, Status.DRAFT.code()));
        created(doc, v, actor);
        return v;
    }

    /** Tells who listens (translation tracking) that {@code v} was made, in the caller's transaction. */
    void created(Document doc, Variant v, Actor actor) {
        created.publishEvent(new VariantCreated(doc.id(), v.id(), v.language(), actor.name()));
    }

    /** The content with the slug it will have: its own, or one made from its title that no page has. */
    VariantContent withSlug(Document doc, String language, VariantContent content) {
        return content.slug() == null ? content.withSlug(uniqueSlug(language, content.title(), doc.translationKey())) : content;
    }

    /** A new language version at revision 1, a draft, not yet saved. */
    static Variant draft(Document doc, String language, VariantContent c) {
        return new Variant(null, doc.id(), language, c.slug(), c.title(), c.summary(), c.body(),
                c.tags(), c.authors(), c.date(), Status.DRAFT.code(), 1, c.hash(), null, null, null, null, null,
                null, null, null, null);
    }

    /** Appends a revision with new content; a schedule for the old revision lapses, as it was approved unseen. */
    Variant saveRevision(Document doc, Variant current, VariantContent content, Actor actor, Integer restoredFrom) {
        variants.findByLanguageAndSlug(current.language(), content.slug())
                .filter(other -> !other.id().equals(current.id()))
                .ifPresent(other -> {
                    throw slugConflict(current.language(), content.slug());
                });
        Variant updated = variants.update(current.withContent(content, current.revision() + 1));
        revisions.save(Revision.of(updated, restoredFrom, actor.name()));
        documents.touch(current.documentId(), Instant.now());
        audit.record(AuditLog.Event.of(actor.name(), restoredFrom == null ? "variant.edited" : "variant.restored",
                        doc.id(), current.language()).revision(updated.revision()).states(current.status(), updated.status())
                .detail(restoredFrom == null ? null : "content of revision " + restoredFrom));
        if (current.publishAt() != null) {
            audit.record(AuditLog.Event.of(actor.name(), "variant.unscheduled", doc.id(), current.language())
                    .revision(current.revision()).comment("the scheduled revision was edited; approve the new one"));
            publicChanges.record(PublicChanges.UNSCHEDULED, doc, current);
        }
        return updated;
    }

    private String uniqueSlug(String language, String title, String key) {
        String base = Slugs.fromTitle(title);
        if (base.isEmpty()) {
            base = key;
        }
        String slug = base;
        for (int n = 2; Slugs.isReserved(slug) || variants.existsByLanguageAndSlug(language, slug); n++) {
            slug = Slugs.numbered(base, n);
        }
        return slug;
    }

    private String uniqueKey(String base) {
        String key = base;
        for (int n = 2; documents.existsByTranslationKey(key); n++) {
            key = Slugs.numbered(base, n);
        }
        return key;
    }

    static DomainException slugConflict(String language, String slug) {
        return DomainException.conflict("slug-conflict",
                "the slug " + slug + " is already used by another " + language + " page");
    }

    private static Document checked(Document d, Long expectedVersion) {
        return ContentWrites.checked(d, expectedVersion, d.version());
    }

    private static Variant checked(Variant v, Long expectedVersion) {
        return ContentWrites.checked(v, expectedVersion, v.version());
    }

    private Document document(long id) {
        return documents.findById(id).orElseThrow(() -> DomainException.notFound("no document " + id));
    }

    private Variant variant(long documentId, String language) {
        return variants.findByDocumentIdAndLanguage(documentId, language)
                .orElseThrow(() -> DomainException.notFound("document " + documentId + " has no " + language + " version"));
    }

    private Revision revision(Variant v, int number) {
        return revisions.findByVariantIdAndNumber(v.id(), number)
                .orElseThrow(() -> DomainException.notFound("the " + v.language() + " version has no revision " + number));
    }

    private OffsetDateTime offset(Instant instant) {
        return views.offset(instant);
    }

    // --- views -----------------------------------------------------------------------------------

    private Api.DocumentView view(Document d) {
        return views.document(d, variants.findByDocumentIdOrderByLanguage(d.id()));
    }

    private Api.DocumentView view(Document d, List<Variant> vs) {
        return views.document(d, vs);
    }

    /** The API view of a variant; for other features that changed one. */
    public Api.VariantView view(Document d, Variant v) {
        return views.variant(d, v);
    }
}
