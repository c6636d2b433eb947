package fi.laituri.translation;

import fi.laituri.audit.AuditLog;
import fi.laituri.content.ContentReads;
import fi.laituri.content.VariantStates;
import fi.laituri.content.Document;
import fi.laituri.content.Documents;
import fi.laituri.content.Revision;
import fi.laituri.content.RevisionDiff;
import fi.laituri.content.Status;
import fi.laituri.content.Variant;
import fi.laituri.content.VariantCreated;
import fi.laituri.content.VariantsCreated;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.security.Role;
import fi.laituri.DomainException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each translation stands against its source. The revision a translation was made from is
 * recorded when the version is created, when an XLIFF file is imported and when someone marks it up to
 * date; an ordinary save does not move it, so fixing a typo in Swedish never hides that the Finnish
 * changed. The state is worked out from that record and the source's live revision whenever it is
 * asked for, so a new published source revision makes every older translation outdated at once.
 */
@Singleton
public class Translations {

    /** What a translator of one language has to do about one document. */
    enum State {
        MISSING, IN_PROGRESS, OUTDATED, UP_TO_DATE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<State> parse(String code) {
            return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
        }
    }

    private final ContentReads reads;
    private final VariantStates states;
    private final TranslationSourceRepository sources;
    private final Documents content;
    private final Languages languages;
    private final Policy policy;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    Translations(ContentReads reads, VariantStates states, TranslationSourceRepository sources, Documents content, Languages languages, Policy policy,
                 AuditLog audit, TransactionOperations<Connection> tx, Clock clock) {
        this.reads = reads;
        this.states = states;
        this.sources = sources;
        this.content = content;
        this.languages = languages;
        this.policy = policy;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new translation was made from what the source's readers see: its live revision, else its working one. */
    @EventListener
    void onCreated(VariantCreated created) {
        languages.find(created.language()).flatMap(Language::source).ifPresent(source -> {
            Integer from = reads.variant(created.documentId(), source)
                    .map(Translations::reference).orElse(null);
            sources.record(created.variantId(), source, from, created.actor(), clock.instant());
        });
    }

    /**
     * As {@link #onCreated} for each, with the source as the creator saw it, in one batch of inserts: an import creates
     * thousands of translations, and a read and a write for each were a large part of its time.
     */
    @EventListener
    void onImported(VariantsCreated imported) {
        java.time.Instant now = clock.instant();
        List<SourceRow> rows = new ArrayList<>();
        for (VariantsCreated.Created c : imported.created()) {
            VariantCreated created = c.variant();
            languages.find(created.language()).flatMap(Language::source).ifPresent(source -> rows.add(new SourceRow(
                    created.variantId(), source, c.source().map(Translations::reference).orElse(null), created.actor())));
        }
        if (rows.isEmpty()) {
            return;
        }
        try (java.sql.PreparedStatement upsert = tx.getConnection().prepareStatement(RECORD)) {
            java.sql.Timestamp at = java.sql.Timestamp.from(now);
            for (SourceRow row : rows) {
                upsert.setLong(1, row.variantId());
                upsert.setString(2, row.sourceLanguage());
                upsert.setObject(3, row.sourceRevision(), java.sql.Types.INTEGER);
                upsert.setString(4, row.recordedBy());
                upsert.setTimestamp(5, at);
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new io.micronaut.data.exceptions.DataAccessException("cannot record the sources of " + rows.size()
                    + " translations: " + e.getMessage(), e);
        }
    }

    private record SourceRow(long variantId, String sourceLanguage, Integer sourceRevision, String recordedBy) {
    }

    /**
     * {@link TranslationSourceRepository#record} for versions just created, which have no row yet: a plain insert, which
     * the driver sends as one bulk statement (it would send an upsert one row at a time).
     */
    private static final String RECORD = "INSERT INTO translation_source (variant_id, source_language, source_revision,"
            + " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)";

    /** In the caller's transaction: the target was made from {@code revision} of its source. */
    void record(Variant target, String sourceLanguage, int revision, String actor) {
        sources.record(target.id(), sourceLanguage, revision, actor, clock.instant());
    }

    // --- reading ---------------------------------------------------------------------------------

    @Transactional
    public TranslationApi.TranslationStatus status(long documentId, String language, Actor actor) {
        Language lang = translated(language);
        requireReader(actor, lang.code());
        Document doc = reads.document(documentId).orElseThrow(() -> DomainException.notFound("no document " + documentId));
        Variant source = reads.variant(documentId, lang.source().orElseThrow())
                .orElseThrow(() -> DomainException.notFound("document " + documentId + " has no "
                        + lang.source().orElseThrow() + " version to translate from"));
        Variant target = reads.variant(documentId, lang.code()).orElse(null);
        return describe(doc, lang, source, target, target == null ? null : sources.findById(target.id()).orElse(null));
    }

    /** What changed in the source since the translation was made: the changed fields and paragraphs. */
    @Transactional
    public RevisionDiff.Diff sourceDiff(long documentId, String language, Actor actor) {
        TranslationApi.TranslationStatus s = status(documentId, language, actor);
        if (s.revision() == null) {
            throw DomainException.notFound("document " + documentId + " has no " + language + " version yet");
        }
        if (s.translatedFrom() == null) {
            throw DomainException.conflict("source-unknown", "no one recorded which " + s.sourceLanguage()
                    + " revision the " + language + " version was made from; compare it with the source and mark it up to date");
        }
        return content.diffRevisions(documentId, s.sourceLanguage(), s.translatedFrom(), s.sourceRevision(),
                RevisionDiff.Mode.WORD);
    }

    @Transactional
    public TranslationApi.Worklist worklist(String language, String state, Actor actor) {
        List<Language> langs = language == null ? readable(actor) : List.of(translated(language));
        langs.forEach(l -> requireReader(actor, l.code()));
        State wanted = state == null ? null : State.parse(state).orElseThrow(() -> DomainException.invalid("state",
                "unknown state; one of " + Arrays.stream(State.values()).map(State::code).collect(Collectors.joining(", "))));
        List<TranslationApi.TranslationStatus> items = all(langs).stream()
                .filter(s -> wanted == null ? !s.state().equals(State.UP_TO_DATE.code()) : s.state().equals(wanted.code()))
                .sorted(Comparator.comparing(TranslationApi.TranslationStatus::since)
                        .thenComparingLong(TranslationApi.TranslationStatus::documentId))
                .toList();
        return new TranslationApi.Worklist(items, items.size());
    }

    @Transactional
    public TranslationApi.Overview overview(Actor actor) {
        List<TranslationApi.LanguageOverview> out = new ArrayList<>();
        List<TranslationApi.TranslationStatus> all = all(readable(actor));
        for (Language lang : readable(actor)) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (State s : State.values()) {
                counts.put(s.code(), 0);
            }
            List<TranslationApi.Untranslated> untranslated = new ArrayList<>();
            for (TranslationApi.TranslationStatus s : all) {
                if (s.language().equals(lang.code())) {
                    counts.merge(s.state(), 1, Integer::sum);
                    if (s.state().equals(State.MISSING.code())) {
                        untranslated.add(new TranslationApi.Untranslated(s.documentId(), s.key(), s.kind(),
                                s.sourceTitle(), reads.variant(s.documentId(), s.sourceLanguage())
                                .map(Variant::slug).orElse("")));
                    }
                }
            }
            out.add(new TranslationApi.LanguageOverview(lang.code(), lang.source().orElseThrow(), lang.adaptation(),
                    counts, untranslated));
        }
        return new TranslationApi.Overview(out);
    }

    // --- marking up to date ----------------------------------------------------------------------

    /** Records that the version matches the source's {@code revision} (its live one by default) as it is. */
    public TranslationApi.TranslationStatus markUpToDate(long documentId, String language, Integer revision,
                                                         String comment, Actor actor) {
        Language lang = translated(language);
        policy.require(actor, Permission.EDIT_VARIANT, lang.code());
        String sourceLanguage = lang.source().orElseThrow();
        return tx.executeWrite(s -> {
            Document doc = reads.document(documentId).orElseThrow(() -> DomainException.notFound("no document " + documentId));
            Variant target = states.lock(documentId, lang.code()).orElseThrow(() -> DomainException.notFound(
                    "document " + documentId + " has no " + lang.code() + " version; create or import it first"));
            Variant source = reads.variant(documentId, sourceLanguage).orElseThrow(() ->
                    DomainException.conflict("no-source", "document " + documentId + " has no " + sourceLanguage
                            + " version to be up to date with"));
            int to = revision == null ? reference(source) : revision;
            if (to > source.revision()) {
                throw DomainException.invalid("revision", "the " + sourceLanguage + " version has revisions 1-"
                        + source.revision());
            }
            Integer before = sources.findById(target.id()).map(TranslationSource::sourceRevision).orElse(null);
            record(target, sourceLanguage, to, actor.name());
            audit.record(AuditLog.Event.of(actor.name(), "translation.marked-up-to-date", documentId, lang.code())
                    .revision(target.revision())
                    .comment(comment == null || comment.isBlank() ? null : comment.strip())
                    .detail("made from " + sourceLanguage + " revision " + to + " (was "
                            + (before == null ? "unknown" : before) + "), without changes"));
            return describe(doc, lang, source, target, sources.findById(target.id()).orElse(null));
        });
    }

    // --- internals -------------------------------------------------------------------------------

    private List<TranslationApi.TranslationStatus> all(List<Language> langs) {
        Map<Long, Document> docs = new LinkedHashMap<>();
        reads.documents().forEach(d -> docs.put(d.id(), d));
        Map<Long, Map<String, Variant>> byDoc = new LinkedHashMap<>();
        for (Variant v : reads.variants()) {
            byDoc.computeIfAbsent(v.documentId(), k -> new LinkedHashMap<>()).put(v.language(), v);
        }
        Map<Long, TranslationSource> recorded = sources.findAll().stream()
                .collect(Collectors.toMap(TranslationSource::variantId, Function.identity()));
        List<TranslationApi.TranslationStatus> out = new ArrayList<>();
        for (Document doc : docs.values()) {
            Map<String, Variant> vs = byDoc.getOrDefault(doc.id(), Map.of());
            for (Language lang : langs) {
                Variant source = vs.get(lang.source().orElseThrow());
                Variant target = vs.get(lang.code());
                if (source == null || target == null && !source.isLive()) {
                    continue;
                }
                out.add(describe(doc, lang, source, target, target == null ? null : recorded.get(target.id())));
            }
        }
        return out;
    }

    private TranslationApi.TranslationStatus describe(Document doc, Language lang, Variant source, Variant target,
                                                      TranslationSource recorded) {
        Integer from = recorded == null ? null : recorded.sourceRevision();
        int reference = reference(source);
        State state;
        if (target == null) {
            state = State.MISSING;
        } else if (source.isLive() && (from == null || from < source.liveRevision())) {
            state = State.OUTDATED;
        } else if (target.state() != Status.PUBLISHED) {
            state = State.IN_PROGRESS;
        } else {
            state = State.UP_TO_DATE;
        }
        Revision current = reads.revision(source.id(), reference).orElseThrow();
        int words = switch (state) {
            case MISSING -> words(current);
            case OUTDATED -> from == null ? words(current) : changedWords(doc.id(), source.language(), from, reference);
            default -> 0;
        };
        java.time.Instant since = switch (state) {
            case MISSING -> source.firstPublishedAt() != null ? source.firstPublishedAt() : source.createdAt();
            case OUTDATED -> current.createdAt();
            default -> target.updatedAt();
        };
        String base = "/api/v1/translations/" + doc.id() + "/" + lang.code();
        return new TranslationApi.TranslationStatus(doc.id(), doc.translationKey(), doc.kind(), lang.code(),
                source.language(), lang.adaptation(), state.code(), target == null ? null : target.title(), source.title(),
                target == null ? null : target.status(), target == null ? null : target.revision(),
                target == null ? null : target.liveRevision(), from, reference, words, since,
                state == State.OUTDATED && from != null ? base + "/source-diff" : null);
    }

    private int changedWords(long documentId, String sourceLanguage, int from, int to) {
        RevisionDiff.Diff diff = content.diffRevisions(documentId, sourceLanguage, from, to, RevisionDiff.Mode.WORD);
        int n = 0;
        for (RevisionDiff.FieldChange f : diff.fields()) {
            if (f.to() instanceof String text) {
                n += Segments.words(text);
            } else if (f.to() instanceof List<?> list) {
                n += list.size();
            }
        }
        for (RevisionDiff.Hunk h : diff.hunks()) {
            if (h instanceof RevisionDiff.WordHunk w) {
                n += w.tokens().stream().filter(e -> !e.op().equals("equal")).mapToInt(e -> Segments.words(e.text())).sum();
            }
        }
        return n;
    }

    private static int words(Revision r) {
        return Segments.words(r.title()) + Segments.words(r.summary()) + Segments.words(r.body());
    }

    /** The source revision a translation should match: the live one, or the working one while nothing is live. */
    static int reference(Variant source) {
        return source.liveRevision() != null ? source.liveRevision() : source.revision();
    }

    /** A configured language that is made from another. */
    Language translated(String code) {
        if (code == null || code.isBlank()) {
            throw DomainException.invalid("lang", "name the language of the translation");
        }
        Language lang = languages.find(code).orElseThrow(() -> DomainException.invalid("lang", "unknown language "
                + code.replaceAll("\\p{Cntrl}", "?") + "; this site has "
                + languages.all().stream().map(Language::code).collect(Collectors.joining(", "))));
        if (lang.source().isEmpty()) {
            throw DomainException.invalid("lang", lang.code() + " is an original language: nothing is translated or "
                    + "adapted into it; translated languages are " + languages.all().stream()
                    .filter(l -> l.source().isPresent()).map(Language::code).collect(Collectors.joining(", ")));
        }
        return lang;
    }

    /** The translated languages someone may see: a translator's own, everyone else's all. */
    private List<Language> readable(Actor actor) {
        return languages.all().stream().filter(l -> l.source().isPresent())
                .filter(l -> actor.role() != Role.TRANSLATOR || actor.languages().contains(l.code()))
                .toList();
    }

    /** Translators see only their own languages' work; every other role reads everything. */
    private void requireReader(Actor actor, String language) {
        if (actor.role() == Role.TRANSLATOR) {
            policy.require(actor, Permission.EDIT_VARIANT, language);
        }
    }
}
