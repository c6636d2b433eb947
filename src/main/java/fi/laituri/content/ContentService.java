package fi.laituri.content;

import fi.laituri.audit.AuditLog;
import fi.laituri.language.Languages;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MarkdownLimits;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.markdown.Slugs;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.web.ETags;
import fi.laituri.web.Problem;
import fi.laituri.web.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every change to documents, variants and authors goes through here. Each write runs in one
 * transaction that checks the version the client read, so no update is ever lost, and each
 * change of content appends one immutable revision.
 */
@Singleton
public class ContentService {

    /**
     * The range MariaDB's DATETIME holds (years 1000-9999), less a day at each end for the time zone
     * the driver converts into. A date outside it would fail in the database, after validation.
     */
    private static final Instant EARLIEST_DATE = Instant.parse("1000-01-02T00:00:00Z");
    private static final Instant LATEST_DATE = Instant.parse("9999-12-30T23:59:59Z");

    private final DocumentRepository documents;
    private final VariantRepository variants;
    private final RevisionRepository revisions;
    private final AuthorRepository authors;
    private final DocumentSearch search;
    private final Languages languages;
    private final Markdown markdown;
    private final TransactionOperations<Connection> tx;
    private final Policy policy;
    private final AuditLog audit;
    private final PublicChanges publicChanges;
    private final ZoneId zone;
    private final ApplicationEventPublisher<VariantCreated> created;

    ContentService(DocumentRepository documents, VariantRepository variants, RevisionRepository revisions,
                   AuthorRepository authors, DocumentSearch search, Languages languages, Markdown markdown,
                   TransactionOperations<Connection> tx, Policy policy, AuditLog audit,
                   PublicChanges publicChanges, @Value("${laituri.time-zone:Europe/Helsinki}") String zone,
                   ApplicationEventPublisher<VariantCreated> created) {
        this.documents = documents;
        this.variants = variants;
        this.revisions = revisions;
        this.authors = authors;
        this.search = search;
        this.languages = languages;
        this.markdown = markdown;
        this.tx = tx;
        this.policy = policy;
        this.audit = audit;
        this.publicChanges = publicChanges;
        this.zone = ZoneId.of(zone);
        this.created = created;
    }

    /** What an import of one variant did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    // --- documents -------------------------------------------------------------------------------

    public Api.DocumentView createDocument(Api.CreateDocument request, Actor actor) {
        Kind kind = parseKind(request.kind());
        List<Api.VariantInput> inputs = request.variants() == null ? List.of() : request.variants();
        for (int i = 0; i < inputs.size(); i++) {
            requireLanguage("variants[" + i + "].language", inputs.get(i).language());
            policy.require(actor, Permission.EDIT_VARIANT, inputs.get(i).language());
        }
        long distinct = inputs.stream().map(Api.VariantInput::language).distinct().count();
        if (distinct != inputs.size()) {
            throw ProblemException.invalid("variants", "each language may appear once");
        }
        String key = request.key() != null ? validKey(request.key())
                : inputs.isEmpty() ? null : Slugs.fromTitle(inputs.get(0).title());
        return write(() -> {
            String finalKey = key == null || key.isEmpty() ? uniqueKey("document") : key;
            if (documents.existsByTranslationKey(finalKey)) {
                if (request.key() != null) {
                    throw ProblemException.conflict("key-conflict", "a document with key " + finalKey + " exists already");
                }
                finalKey = uniqueKey(finalKey);
            }
            Document doc = documents.save(new Document(null, kind.code(), finalKey, null, null, null));
            audit.record(AuditLog.Event.of(actor.name(), "document.created", doc.id(), null)
                    .detail("key " + doc.translationKey() + ", kind " + doc.kind()));
            for (int i = 0; i < inputs.size(); i++) {
                Api.VariantInput input = inputs.get(i);
                insertVariant(doc, input.language(), toContent(input, null, "variants[" + i + "]."), Status.DRAFT, actor);
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
            parseKind(filter.kind());
        }
        if (filter.language() != null) {
            requireLanguage("language", filter.language());
        }
        if (filter.status() != null && Status.parse(filter.status()).isEmpty()) {
            throw ProblemException.invalid("status", "unknown status; one of " + codes(Status.values(), Status::code));
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
        Kind kind = patch.kind() == null ? null : parseKind(patch.kind());
        String key = patch.key() == null ? null : validKey(patch.key());
        return write(() -> {
            Document doc = checked(document(id), expectedVersion);
            if (key != null && !key.equals(doc.translationKey()) && documents.existsByTranslationKey(key)) {
                throw ProblemException.conflict("key-conflict", "a document with key " + key + " exists already");
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
        write(() -> {
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
        String language = requireLanguage("language", input.language());
        policy.require(actor, Permission.EDIT_VARIANT, language);
        return write(() -> {
            Document doc = document(documentId);
            if (variants.findByDocumentIdAndLanguage(documentId, language).isPresent()) {
                throw ProblemException.conflict("variant-exists",
                        "document " + documentId + " has a " + language + " version already; update it instead");
            }
            Variant v = insertVariant(doc, language, toContent(input, null, ""), Status.DRAFT, actor);
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
        return change(documentId, language, expectedVersion, current -> toContent(input, current, ""), actor, null);
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
                    patch.date() != null ? patch.date() : c.date() == null ? null : c.date().atZone(zone).toOffsetDateTime());
            return toContent(merged, current, "");
        }, actor, null);
    }

    public void deleteVariant(long documentId, String language, Long expectedVersion, Actor actor) {
        requireLanguage("language", language);
        policy.require(actor, Permission.DELETE_VARIANT, language);
        write(() -> {
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
                throw ProblemException.invalid("body", "the body of revision " + number + " " + over);
            });
            requireAuthorsExist("authors", old.authors());
            return old;
        }, actor, number);
    }

    @Transactional
    public RevisionDiff.Diff diffRevisions(long documentId, String language, int from, int to, RevisionDiff.Mode mode) {
        requireLanguage("language", language);
        Variant v = variant(document(documentId).id(), language);
        return RevisionDiff.compare(from, revision(v, from).content(), to, revision(v, to).content(), mode, zone);
    }

    // --- authors ---------------------------------------------------------------------------------

    @Transactional
    public List<Api.AuthorView> listAuthors() {
        return authors.listOrderById().stream().map(ContentService::view).toList();
    }

    @Transactional
    public Api.AuthorView getAuthor(String id) {
        return view(author(id));
    }

    public Api.AuthorView createAuthor(Api.AuthorInput input, Actor actor) {
        String id = input.id() != null ? validAuthorId(input.id()) : Slugs.fromTitle(input.name());
        if (id.isEmpty()) {
            throw ProblemException.invalid("id", "give the author an id of lowercase letters, digits and hyphens");
        }
        return write(() -> {
            if (authors.existsById(id)) {
                throw ProblemException.conflict("author-exists", "an author with id " + id + " exists already");
            }
            audit.record(AuditLog.Event.of(actor.name(), "author.created", null, null).detail(id));
            return view(authors.save(new Author(id, input.name().strip(), blankToNull(input.title()),
                    blankToNull(input.organisation()), null, null, null)));
        });
    }

    public Api.AuthorView updateAuthor(String id, Long expectedVersion, Api.AuthorInput input, Actor actor) {
        return write(() -> {
            Author a = checked(author(id), expectedVersion);
            audit.record(AuditLog.Event.of(actor.name(), "author.changed", null, null).detail(id));
            Author updated = authors.update(a.with(input.name().strip(), blankToNull(input.title()),
                    blankToNull(input.organisation())));
            // The byline is on the author's live pages and in the listings that show them.
            for (Variant v : variants.findLiveUsingAuthor(id)) {
                publicChanges.record(PublicChanges.CHANGED, document(v.documentId()), v, Map.of("author", id));
            }
            return view(updated);
        }, () -> author(id).version());
    }

    public void deleteAuthor(String id, Long expectedVersion, Actor actor) {
        write(() -> {
            Author a = checked(author(id), expectedVersion);
            audit.record(AuditLog.Event.of(actor.name(), "author.deleted", null, null).detail(id));
            if (variants.countUsingAuthor(id) > 0) {
                throw ProblemException.conflict("author-in-use", "author " + id + " is named on content; remove it there first");
            }
            authors.delete(a);
            return null;
        }, () -> author(id).version());
    }


    // --- import and export -----------------------------------------------------------------------

    /** Creates or updates an author from the content folder. */
    public Outcome importAuthor(String id, String name, String title, String organisation) {
        validAuthorId(id);
        return tx.executeWrite(s -> {
            Optional<Author> existing = authors.findById(id);
            if (existing.isEmpty()) {
                authors.save(new Author(id, name, blankToNull(title), blankToNull(organisation), null, null, null));
                return Outcome.CREATED;
            }
            Author a = existing.get();
            if (a.name().equals(name) && java.util.Objects.equals(a.title(), blankToNull(title))
                    && java.util.Objects.equals(a.organisation(), blankToNull(organisation))) {
                return Outcome.UNCHANGED;
            }
            authors.update(a.with(name, blankToNull(title), blankToNull(organisation)));
            return Outcome.UPDATED;
        });
    }

    /**
     * Brings one file of the content folder into the database: creates the document and variant when
     * new, appends a revision when the content differs, and does nothing when it is the same.
     */
    public Outcome importVariant(String key, Kind kind, String language, Api.VariantInput input, Status status,
                                 Actor actor) {
        validKey(key);
        requireLanguage("language", language);
        return write(() -> {
            Document doc = documents.findByTranslationKey(key)
                    .orElseGet(() -> documents.save(new Document(null, kind.code(), key, null, null, null)));
            if (!doc.kind().equals(kind.code())) {
                throw ProblemException.conflict("kind-conflict",
                        "document " + key + " is a " + doc.kind() + ", not a " + kind.code());
            }
            Optional<Variant> existing = variants.findByDocumentIdAndLanguage(doc.id(), language);
            if (existing.isEmpty()) {
                insertVariant(doc, language, toContent(input, null, ""), status, actor);
                return Outcome.CREATED;
            }
            Variant current = existing.get();
            VariantContent content = toContent(input, current, "");
            boolean statusChanged = !current.status().equals(status.code());
            if (content.hash().equals(current.contentHash()) && !statusChanged) {
                return Outcome.UNCHANGED;
            }
            Variant updated = current;
            if (!content.hash().equals(current.contentHash())) {
                updated = saveRevision(doc, current, content, actor, null);
            }
            if (status != updated.state()) {
                setImportedStatus(doc, updated, status, actor);
            }
            return Outcome.UPDATED;
        });
    }

    /** Everything in the store, for writing the content folder. */
    @Transactional
    public List<ExportedDocument> exportAll() {
        List<ExportedDocument> out = new ArrayList<>();
        for (Document d : documents.listForExport()) {
            List<ExportedVariant> vs = variants.findByDocumentIdOrderByLanguage(d.id()).stream()
                    .map(v -> new ExportedVariant(v.language(), v.slug(), v.title(), v.summary(), v.body(), v.tags(),
                            v.authors(), offset(v.contentDate()), v.status()))
                    .toList();
            out.add(new ExportedDocument(Kind.parse(d.kind()).orElseThrow(), d.translationKey(), vs));
        }
        return out;
    }

    @Transactional
    public List<Api.AuthorView> exportAuthors() {
        return listAuthors();
    }

    public record ExportedDocument(Kind kind, String key, List<ExportedVariant> variants) {
    }

    public record ExportedVariant(String language, String slug, String title, String summary, String body,
                                  List<String> tags, List<String> authors, OffsetDateTime date, String status) {
    }

    // --- internals -------------------------------------------------------------------------------

    private Api.VariantView change(long documentId, String language, Long expectedVersion,
                                   Function<Variant, VariantContent> newContent, Actor actor, Integer restoredFrom) {
        requireLanguage("language", language);
        policy.require(actor, Permission.EDIT_VARIANT, language);
        return write(() -> {
            Document doc = document(documentId);
            Variant current = checked(variant(doc.id(), language), expectedVersion);
            VariantContent content = newContent.apply(current);
            if (content.hash().equals(current.contentHash()) && restoredFrom == null) {
                return view(doc, current);
            }
            return view(doc, saveRevision(doc, current, content, actor, restoredFrom));
        }, () -> variant(documentId, language).version());
    }

    private Variant insertVariant(Document doc, String language, VariantContent content, Status status, Actor actor) {
        VariantContent c = content.slug() == null ? content.withSlug(uniqueSlug(language, content.title(), doc.translationKey()))
                : content;
        if (variants.existsByLanguageAndSlug(language, c.slug())) {
            throw slugConflict(language, c.slug());
        }
        Variant v = variants.save(new Variant(null, doc.id(), language, c.slug(), c.title(), c.summary(), c.body(),
                c.tags(), c.authors(), c.date(), Status.DRAFT.code(), 1, c.hash(), null, null, null, null, null,
                null, null, null, null));
        revisions.save(Revision.of(v, null, actor.name()));
        documents.touch(doc.id(), Instant.now());
        audit.record(AuditLog.Event.of(actor.name(), "variant.created", doc.id(), language).revision(1)
                .states(null, Status.DRAFT.code()));
        created.publishEvent(new VariantCreated(doc.id(), v.id(), language, actor.name()));
        return status == Status.DRAFT ? v : setImportedStatus(doc, v, status, actor);
    }

    /**
     * The content folder says what state a variant is in; an import makes it so, as the
     * publisher who wrote the file would have: published means live at the current revision.
     */
    private Variant setImportedStatus(Document doc, Variant v, Status status, Actor actor) {
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
        return updated;
    }

    private Variant saveRevision(Document doc, Variant current, VariantContent content, Actor actor, Integer restoredFrom) {
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

    /** Turns client input into content: validated, normalised, slug resolved. */
    private VariantContent toContent(Api.VariantInput input, Variant current, String field) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String title = input.title() == null ? "" : input.title().strip();
        if (title.isEmpty()) {
            errors.add(new Problem.FieldError(field + "title", "must not be blank"));
        }
        checkText(errors, field + "title", title, false);
        checkText(errors, field + "summary", input.summary(), true);
        checkText(errors, field + "body", input.body(), true);
        MarkdownLimits.check(input.body()).ifPresent(over -> errors.add(new Problem.FieldError(field + "body", over)));
        String slug = input.slug() != null ? input.slug() : current != null ? current.slug() : null;
        if (slug != null && !Slugs.isValid(slug)) {
            errors.add(new Problem.FieldError(field + "slug",
                    "a slug is 1-" + Slugs.MAX_LENGTH + " lowercase letters a-z, digits and single hyphens"));
        } else if (slug != null && Slugs.isReserved(slug) && (current == null || !slug.equals(current.slug()))) {
            // A page that took the name before it was reserved can still be edited; the build reports it.
            errors.add(new Problem.FieldError(field + "slug", "the site uses " + slug + " for its own pages (reserved: "
                    + String.join(", ", Slugs.RESERVED.stream().sorted().toList()) + "); choose another slug"));
        }
        List<String> tags = normalise(input.tags());
        tags.forEach(t -> checkText(errors, field + "tags", t, false));
        List<String> authorIds = normalise(input.authors());
        Instant date = input.date() == null ? null : input.date().toInstant();
        if (date != null && (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE))) {
            errors.add(new Problem.FieldError(field + "date", "must be between the years 1000 and 9999"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        requireAuthorsExist(field + "authors", authorIds);
        return new VariantContent(slug, title, input.summary() == null ? "" : input.summary().strip(),
                input.body() == null ? "" : input.body(), tags, authorIds, date);
    }

    private static void checkText(List<Problem.FieldError> errors, String field, String text, boolean multiline) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean allowedWhitespace = ch == '\t' || (multiline && (ch == '\n' || ch == '\r'));
            if ((Character.isISOControl(ch) && !allowedWhitespace) || Character.isSurrogate(ch)
                    && !(Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                errors.add(new Problem.FieldError(field, "contains a control character or broken Unicode at position " + i));
                return;
            }
        }
    }

    private static List<String> normalise(List<String> values) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        values.stream().filter(java.util.Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).forEach(set::add);
        return List.copyOf(set);
    }

    private void requireAuthorsExist(String field, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> known = authors.findByIdIn(ids).stream().map(Author::id).toList();
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(field, "unknown author " + String.join(", ", unknown)
                    + "; create it under /api/v1/authors first");
        }
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

    private static ProblemException slugConflict(String language, String slug) {
        return ProblemException.conflict("slug-conflict",
                "the slug " + slug + " is already used by another " + language + " page");
    }

    /** Runs a write transaction; lost races for a version or a unique value become 412 or 409. */
    private <T> T write(Supplier<T> work) {
        return write(work, null);
    }

    private <T> T write(Supplier<T> work, Supplier<Long> currentVersion) {
        try {
            return tx.executeWrite(s -> work.get());
        } catch (OptimisticLockException e) {
            if (currentVersion == null) {
                throw ProblemException.conflict("concurrent-change", "someone changed this at the same moment; try again");
            }
            throw ProblemException.preconditionFailed(tx.executeRead(s -> currentVersion.get()));
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException sql) {
                String message = String.valueOf(sql.getMessage());
                if (message.contains("uq_variant_language_slug")) {
                    return ProblemException.conflict("slug-conflict", "that slug is already used by another page in this language");
                }
                if (message.contains("uq_variant_document_language")) {
                    return ProblemException.conflict("variant-exists", "that language version exists already");
                }
                if (message.contains("uq_document_key")) {
                    return ProblemException.conflict("key-conflict", "a document with that key exists already");
                }
                if (message.contains("PRIMARY")) {
                    return ProblemException.conflict("exists", "that resource exists already");
                }
            }
        }
        return e;
    }

    private static <E> E checked(E entity, Long expectedVersion) {
        long current;
        if (entity instanceof Document d) {
            current = d.version();
        } else if (entity instanceof Variant v) {
            current = v.version();
        } else if (entity instanceof Author a) {
            current = a.version();
        } else {
            throw new IllegalArgumentException(entity.getClass().getName());
        }
        ETags.check(expectedVersion, current);
        return entity;
    }

    private Document document(long id) {
        return documents.findById(id).orElseThrow(() -> ProblemException.notFound("no document " + id));
    }

    private Variant variant(long documentId, String language) {
        return variants.findByDocumentIdAndLanguage(documentId, language)
                .orElseThrow(() -> ProblemException.notFound("document " + documentId + " has no " + language + " version"));
    }

    private Revision revision(Variant v, int number) {
        return revisions.findByVariantIdAndNumber(v.id(), number)
                .orElseThrow(() -> ProblemException.notFound("the " + v.language() + " version has no revision " + number));
    }

    private Author author(String id) {
        return authors.findById(id).orElseThrow(() -> ProblemException.notFound("no author " + id));
    }

    private Kind parseKind(String code) {
        return Kind.parse(code).orElseThrow(() -> ProblemException.invalid("kind",
                "unknown kind; one of " + codes(Kind.values(), Kind::code)));
    }

    private String requireLanguage(String field, String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalid(field, "must name a language");
        }
        if (!languages.isConfigured(code)) {
            throw ProblemException.invalid(field, "unknown language " + code.replaceAll("\\p{Cntrl}", "?")
                    + "; this site has " + languages.all().stream().map(l -> l.code()).collect(Collectors.joining(", ")));
        }
        return code;
    }

    private static String validKey(String key) {
        if (!Slugs.isValid(key)) {
            throw ProblemException.invalid("key", "a key is lowercase letters a-z, digits and single hyphens");
        }
        return key;
    }

    private static String validAuthorId(String id) {
        if (!Slugs.isValid(id)) {
            throw ProblemException.invalid("id", "an author id is lowercase letters a-z, digits and single hyphens");
        }
        return id;
    }

    private static <E> String codes(E[] values, Function<E, String> code) {
        return java.util.Arrays.stream(values).map(code).collect(Collectors.joining(", "));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }

    private Api.DocumentView view(Document d) {
        return view(d, variants.findByDocumentIdOrderByLanguage(d.id()));
    }

    private static Api.DocumentView view(Document d, List<Variant> vs) {
        return new Api.DocumentView(d.id(), d.kind(), d.translationKey(), d.version(), d.createdAt(), d.updatedAt(),
                vs.stream().map(v -> new Api.VariantSummary(v.language(), v.slug(), v.title(), v.status(), v.revision(),
                        v.liveRevision(), v.publishAt(), v.version(), v.updatedAt())).toList());
    }

    /**
     * The API view of a variant; for other features that changed one. A body stored before the Markdown limits
     * that it exceeds has no HTML, but is shown so that an editor can mend it.
     */
    public Api.VariantView view(Document d, Variant v) {
        List<Api.AuthorView> byline = v.authors().isEmpty() ? List.of()
                : authors.findByIdIn(v.authors()).stream()
                .sorted(java.util.Comparator.comparingInt(a -> v.authors().indexOf(a.id())))
                .map(ContentService::view).toList();
        return new Api.VariantView(d.id(), d.kind(), d.translationKey(), v.language(), v.slug(), v.title(), v.summary(),
                v.body(), html(v.body()), v.tags(), byline, offset(v.contentDate()), v.status(), v.revision(),
                v.liveRevision(), v.submittedBy(), v.firstPublishedAt(), v.publishAt(), v.unpublishAt(),
                v.scheduleFailure(), v.version(), v.createdAt(), v.updatedAt());
    }

    private String html(String body) {
        try {
            return markdown.toHtml(body);
        } catch (Unrenderable e) {
            return null;
        }
    }

    private static Api.AuthorView view(Author a) {
        return new Api.AuthorView(a.id(), a.name(), a.title(), a.organisation(), a.version());
    }
}
