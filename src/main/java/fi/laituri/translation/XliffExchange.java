package fi.laituri.translation;

import fi.laituri.audit.AuditLog;
import fi.laituri.content.Api;
import fi.laituri.content.ContentReads;
import fi.laituri.content.Document;
import fi.laituri.content.Documents;
import fi.laituri.content.Revision;
import fi.laituri.content.Variant;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.security.Actor;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.translation.Segments.Chars;
import fi.laituri.translation.Segments.Part;
import fi.laituri.translation.Segments.Pc;
import fi.laituri.translation.Segments.Ph;
import fi.laituri.web.ETags;
import fi.laituri.DomainException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * XLIFF export and import of translations. An export is made from the source's live revision (its
 * working one while nothing is live) and fills in the existing translation of every unit whose source
 * text has not changed since the translation was made. An import is checked whole before anything is
 * written; then each document gets one new revision through the content service (so the If-Match
 * check, revisions and the audit log work as for any save) and is recorded as made from the exported
 * source revision.
 */
@Singleton
public class XliffExchange {

    private final ContentReads reads;
    private final Documents content;
    private final Translations translations;
    private final TranslationSourceRepository sources;
    private final Languages languages;
    private final Markdown markdown;
    private final Policy policy;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;

    XliffExchange(ContentReads reads, Documents content, Translations translations, TranslationSourceRepository sources,
                  Languages languages, Markdown markdown, Policy policy, AuditLog audit,
                  TransactionOperations<Connection> tx) {
        this.reads = reads;
        this.content = content;
        this.translations = translations;
        this.sources = sources;
        this.languages = languages;
        this.markdown = markdown;
        this.policy = policy;
        this.audit = audit;
        this.tx = tx;
    }

    /** A unit of a document's content: title, summary, tags and body blocks. */
    private record Text(String id, String group, String note, List<Part> parts, Segments.Unit block) {
    }

    // --- export ----------------------------------------------------------------------------------

    @Transactional
    public String export(List<Long> documentIds, String language, Actor actor) {
        Language lang = translations.translated(language);
        policy.require(actor, Permission.EDIT_VARIANT, lang.code());
        if (documentIds.isEmpty()) {
            throw DomainException.invalid("documents", "name at least one document");
        }
        Language sourceLang = languages.find(lang.source().orElseThrow()).orElseThrow();
        List<Xliff.FileOut> files = new ArrayList<>();
        for (long id : new LinkedHashSet<>(documentIds)) {
            files.add(file(id, lang, sourceLang));
        }
        return Xliff.write(sourceLang.htmlLang(), bcp47(lang, sourceLang), files);
    }

    private Xliff.FileOut file(long documentId, Language lang, Language sourceLang) {
        Document doc = reads.document(documentId).orElseThrow(() -> DomainException.notFound("no document " + documentId));
        Variant source = reads.variant(documentId, sourceLang.code())
                .orElseThrow(() -> DomainException.notFound("document " + documentId + " has no " + sourceLang.code()
                        + " version to translate from"));
        int reference = Translations.reference(source);
        Revision current = revision(source, reference);
        List<Text> units = texts(doc, current.title(), current.summary(), current.tags(), current.body());
        Variant target = reads.variant(documentId, lang.code()).orElse(null);
        Map<String, List<Part>> filled = target == null ? Map.of() : existing(doc, source, target, units);
        List<Xliff.UnitOut> out = units.stream()
                .map(u -> new Xliff.UnitOut(u.id(), u.note(), u.parts(), filled.get(u.id())))
                .toList();
        String note = doc.kind().replace('_', ' ') + " \u201c" + current.title() + "\u201d (key " + doc.translationKey()
                + ", document " + documentId + "): " + sourceLang.name() + " revision " + reference + " into "
                + lang.name() + (lang.adaptation() ? ". This is a plain-language adaptation: say the same things "
                + "in plain language; sentences need not follow the source one by one" : "")
                + ". Inline codes stand for formatting and links; keep each of them, around the right words.";
        return new Xliff.FileOut(documentId, doc.translationKey(), lang.code(), sourceLang.code(), reference,
                target == null ? null : target.version(), note, out);
    }

    /**
     * The existing translation of each unit whose source has not changed since the translation was
     * made: the source as it was then and the translation are paired unit by unit where their
     * structure matches, and a unit of today's source takes the translation of the same text then.
     */
    private Map<String, List<Part>> existing(Document doc, Variant source, Variant target, List<Text> units) {
        Integer from = sources.findById(target.id()).map(TranslationSource::sourceRevision).orElse(null);
        if (from == null || from > source.revision()) {
            return Map.of();
        }
        Revision then = revision(source, from);
        List<Text> old = texts(doc, then.title(), then.summary(), then.tags(), then.body());
        List<Text> translated = texts(doc, target.title(), target.summary(), target.tags(), target.body());
        Map<String, List<Part>> bySourceText = new HashMap<>();
        for (String group : List.of("title", "summary", "tags", "body")) {
            List<Text> a = old.stream().filter(t -> t.group().equals(group)).toList();
            List<Text> b = translated.stream().filter(t -> t.group().equals(group)).toList();
            if (a.size() != b.size()) {
                continue;
            }
            for (int i = 0; i < a.size(); i++) {
                boolean sameKind = a.get(i).block() == null || a.get(i).block().context().equals(b.get(i).block().context());
                if (sameKind && codes(a.get(i).parts()).equals(codes(b.get(i).parts()))) {
                    bySourceText.putIfAbsent(group + "\u0000" + Segments.signature(a.get(i).parts()), b.get(i).parts());
                }
            }
        }
        Map<String, List<Part>> filled = new HashMap<>();
        for (Text u : units) {
            List<Part> t = bySourceText.get(u.group() + "\u0000" + Segments.signature(u.parts()));
            if (t != null) {
                filled.put(u.id(), t);
            }
        }
        return filled;
    }

    private List<Text> texts(Document doc, String title, String summary, List<String> tags, String body) {
        List<Text> out = new ArrayList<>();
        out.add(new Text("title", "title", "Title of the " + doc.kind().replace('_', ' ') + " (plain text)",
                List.of(new Chars(title)), null));
        if (!summary.isBlank()) {
            out.add(new Text("summary", "summary", "Summary, shown in listings and search results (plain text)",
                    List.of(new Chars(summary)), null));
        }
        for (int i = 0; i < tags.size(); i++) {
            out.add(new Text("tag" + (i + 1), "tags", "Tag " + (i + 1) + " of " + tags.size() + " (a keyword)",
                    List.of(new Chars(tags.get(i))), null));
        }
        String heading = null;
        for (Segments.Unit u : segments(body)) {
            String note = u.context() + (heading == null || u.heading() ? "" : ", under the heading \u201c" + heading + "\u201d");
            out.add(new Text(u.id(), "body", note, u.parts(), u));
            if (u.heading()) {
                heading = plain(u.parts());
            }
        }
        return out;
    }

    /** The body's units; a body stored before the Markdown limits that it exceeds has none to translate. */
    private List<Segments.Unit> segments(String body) {
        try {
            return Segments.of(markdown, body);
        } catch (Unrenderable e) {
            throw DomainException.unprocessable("unrenderable", "The body cannot be cut into "
                    + "units to translate: " + e.getMessage() + ". Shorten it first.");
        }
    }

    // --- import ----------------------------------------------------------------------------------

    /** What one file will become, checked and ready to write. */
    private record Plan(long documentId, Long expectedVersion, int sourceRevision, Api.VariantInput input,
                        List<String> warnings) {
    }

    /**
     * Imports a file; {@code onlyDocument} (when not null) is the one document it must be for, and
     * {@code ifMatch} then overrides the target version the file was exported with.
     */
    public TranslationApi.ImportResult importFile(String xml, String language, Long onlyDocument, String ifMatch,
                                                  Actor actor) {
        Language lang = translations.translated(language);
        policy.require(actor, Permission.EDIT_VARIANT, lang.code());
        if (xml == null || xml.isBlank()) {
            throw invalid("the request has no XLIFF file in its body");
        }
        Language sourceLang = languages.find(lang.source().orElseThrow()).orElseThrow();
        Xliff.Parsed parsed;
        try {
            parsed = Xliff.read(xml);
        } catch (Xliff.Invalid e) {
            throw invalid(e.getMessage());
        }
        String trgLang = bcp47(lang, sourceLang);
        if (!trgLang.equals(parsed.trgLang())) {
            throw invalid("the file translates into '" + parsed.trgLang() + "', not " + lang.code() + " (" + trgLang + ")");
        }
        if (!sourceLang.htmlLang().equals(parsed.srcLang())) {
            throw invalid("the file translates from '" + parsed.srcLang() + "', not " + sourceLang.code());
        }
        if (parsed.files().isEmpty()) {
            throw invalid("the file has no <file> element, so nothing to import");
        }
        Long explicitVersion = ifMatch == null ? null : ETags.parse(ifMatch);
        return tx.executeWrite(s -> {
            List<Plan> plans = new ArrayList<>();
            Set<Long> seen = new LinkedHashSet<>();
            for (Xliff.FileIn f : parsed.files()) {
                Plan p = plan(f, lang, sourceLang, onlyDocument, explicitVersion);
                if (!seen.add(p.documentId())) {
                    throw invalid("document " + p.documentId() + " is in the file twice");
                }
                plans.add(p);
            }
            List<TranslationApi.Imported> done = new ArrayList<>();
            for (Plan p : plans) {
                done.add(write(p, lang, sourceLang, actor));
            }
            return new TranslationApi.ImportResult(done);
        });
    }

    private Plan plan(Xliff.FileIn f, Language lang, Language sourceLang, Long onlyDocument, Long explicitVersion) {
        String where = "file " + f.id();
        long documentId = number(f.laituri().get("document"), where + ": lt:document");
        if (onlyDocument != null && documentId != onlyDocument) {
            throw invalid(where + " is for document " + documentId + ", not document " + onlyDocument);
        }
        if (!lang.code().equals(f.laituri().get("language"))) {
            throw invalid(where + " is for language '" + f.laituri().get("language") + "', not " + lang.code());
        }
        Document doc = reads.document(documentId).orElseThrow(() -> invalid(where + " is for document "
                + documentId + ", which does not exist"));
        Variant source = reads.variant(documentId, sourceLang.code())
                .orElseThrow(() -> invalid(where + ": document " + documentId + " has no " + sourceLang.code() + " version"));
        int from = (int) number(f.laituri().get("sourceRevision"), where + ": lt:sourceRevision");
        if (from < 1 || from > source.revision()) {
            throw invalid(where + ": the " + sourceLang.code() + " version has no revision " + from);
        }
        Revision exported = revision(source, from);
        List<Text> units = texts(doc, exported.title(), exported.summary(), exported.tags(), exported.body());
        Map<String, List<Part>> targets = new LinkedHashMap<>();
        for (Text u : units) {
            Xliff.UnitIn in = f.units().get(u.id());
            if (in == null) {
                throw invalid("unit " + u.id() + " is missing from " + where);
            }
            if (!Segments.signature(in.source()).equals(Segments.signature(u.parts()))) {
                throw invalid("unit " + u.id() + ": the source text differs from revision " + from + " of the "
                        + sourceLang.code() + " version it was exported from; export the document again");
            }
            if (in.target() == null) {
                throw invalid("unit " + u.id() + " has no <target>: it is not translated yet");
            }
            targets.put(u.id(), resolve(u, in.target()));
            // A unit whose source has no words (a paragraph that is only an image) may have none either.
            if (plain(targets.get(u.id())).isBlank() && !plain(u.parts()).isBlank()
                    && (u.group().equals("title") || u.group().equals("body") && !u.block().inTable())) {
                throw invalid("unit " + u.id() + ": the target is empty");
            }
        }
        for (String id : f.units().keySet()) {
            if (units.stream().noneMatch(u -> u.id().equals(id))) {
                throw invalid("unit " + id + " in " + where + " is not in revision " + from + " of the "
                        + sourceLang.code() + " version");
            }
        }
        String body = Segments.reassemble(exported.body(),
                units.stream().filter(u -> u.block() != null).map(Text::block).toList(), targets);
        List<String> tags = units.stream().filter(u -> u.group().equals("tags")).map(u -> plain(targets.get(u.id())).strip())
                .filter(t -> !t.isEmpty()).toList();
        Variant target = reads.variant(documentId, lang.code()).orElse(null);
        Api.VariantView existing = target == null ? null : content.getVariant(documentId, lang.code());
        Api.VariantView sourceView = content.getVariant(documentId, sourceLang.code());
        Api.VariantView authorsAndDate = existing != null ? existing : sourceView;
        Api.VariantInput input = new Api.VariantInput(lang.code(), plain(targets.get("title")).strip(), null,
                targets.containsKey("summary") ? plain(targets.get("summary")).strip() : "", body, tags,
                authorsAndDate.authors().stream().map(Api.AuthorView::id).toList(), authorsAndDate.date());
        Long expected = explicitVersion;
        if (expected == null && f.laituri().containsKey("targetVersion")) {
            expected = number(f.laituri().get("targetVersion"), where + ": lt:targetVersion");
        } else if (expected == null && target != null) {
            expected = ETags.NONE;
        }
        List<String> warnings = new ArrayList<>();
        int reference = Translations.reference(source);
        if (from < reference) {
            Revision now = revision(source, reference);
            Map<String, String> nowById = texts(doc, now.title(), now.summary(), now.tags(), now.body()).stream()
                    .collect(Collectors.toMap(Text::id, t -> Segments.signature(t.parts())));
            List<String> changed = units.stream().filter(u -> !Segments.signature(u.parts()).equals(nowById.get(u.id())))
                    .map(Text::id).toList();
            warnings.add("the " + sourceLang.code() + " version has changed since this file was exported (revision "
                    + from + ", now " + reference + ")" + (changed.isEmpty() ? "" : "; units " + String.join(", ", changed)
                    + " differ") + ": the " + lang.code() + " version stays outdated; export again to catch up");
        }
        return new Plan(documentId, expected, from, input, warnings);
    }

    private TranslationApi.Imported write(Plan p, Language lang, Language sourceLang, Actor actor) {
        Api.VariantView view;
        Variant existing = reads.variant(p.documentId(), lang.code()).orElse(null);
        if (existing == null) {
            view = content.createVariant(p.documentId(), p.input(), actor);
        } else {
            // a version made after the export (no targetVersion then) is someone else's work: 412, not overwritten
            ETags.check(p.expectedVersion(), existing.version());
            view = content.replaceVariant(p.documentId(), lang.code(), p.expectedVersion(), p.input(), actor);
        }
        Variant target = reads.variant(p.documentId(), lang.code()).orElseThrow();
        translations.record(target, sourceLang.code(), p.sourceRevision(), actor.name());
        audit.record(AuditLog.Event.of(actor.name(), "translation.imported", p.documentId(), lang.code())
                .revision(target.revision()).detail("XLIFF made from " + sourceLang.code() + " revision " + p.sourceRevision()));
        TranslationApi.TranslationStatus status = translations.status(p.documentId(), lang.code(), actor);
        return new TranslationApi.Imported(p.documentId(), lang.code(), view.revision(), target.version(),
                p.sourceRevision(), status.state(), p.warnings());
    }

    /**
     * The target with each code given back its Markdown from the source; every code of the source must be
     * there exactly once, as the same kind of code, so a translator cannot break formatting or links.
     */
    private static List<Part> resolve(Text unit, List<Part> target) {
        Map<Integer, Part> codes = new HashMap<>();
        index(unit.parts(), codes);
        Set<Integer> used = new LinkedHashSet<>();
        List<Part> resolved = resolve(unit.id(), target, codes, used);
        for (Map.Entry<Integer, Part> c : codes.entrySet()) {
            if (!used.contains(c.getKey())) {
                throw invalid("unit " + unit.id() + ": the target lacks inline code " + c.getKey() + " ("
                        + describe(c.getValue()) + "); keep every code of the source");
            }
        }
        return resolved;
    }

    private static List<Part> resolve(String unit, List<Part> target, Map<Integer, Part> codes, Set<Integer> used) {
        List<Part> out = new ArrayList<>();
        for (Part p : target) {
            if (p instanceof Chars) {
                out.add(p);
                continue;
            }
            int id = p instanceof Ph ph ? ph.id() : ((Pc) p).id();
            Part original = codes.get(id);
            if (original == null) {
                throw invalid("unit " + unit + ": the target has an inline code " + id + " that the source does not have");
            }
            if (!used.add(id)) {
                throw invalid("unit " + unit + ": the target has inline code " + id + " twice");
            }
            if (p instanceof Ph && original instanceof Ph o) {
                out.add(o);
            } else if (p instanceof Pc pc && original instanceof Pc o) {
                out.add(new Pc(o.id(), o.type(), o.subType(), o.start(), o.end(), resolve(unit, pc.children(), codes, used)));
            } else {
                throw invalid("unit " + unit + ": inline code " + id + " is a <" + (original instanceof Ph ? "ph" : "pc")
                        + "> in the source but not in the target");
            }
        }
        return out;
    }

    private static void index(List<Part> parts, Map<Integer, Part> codes) {
        for (Part p : parts) {
            if (p instanceof Ph ph) {
                codes.put(ph.id(), ph);
            } else if (p instanceof Pc pc) {
                codes.put(pc.id(), pc);
                index(pc.children(), codes);
            }
        }
    }

    private static String describe(Part code) {
        if (code instanceof Pc pc) {
            return pc.type().equals("link") ? "a link" : "formatting " + pc.start();
        }
        Ph ph = (Ph) code;
        return ph.type().equals("image") ? "an image" : "xlf:lb".equals(ph.subType()) ? "a line break" : ph.data();
    }

    /** The kinds of codes in a text, in order: two texts with the same can take each other's codes. */
    private static List<String> codes(List<Part> parts) {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Ph ph) {
                out.add("ph" + ph.id() + ph.data());
            } else if (p instanceof Pc pc) {
                out.add("pc" + pc.id() + pc.start() + pc.end());
                out.addAll(codes(pc.children()));
            }
        }
        return out;
    }

    /** The text without codes, for plain fields (title, summary, tags) and headings in notes. */
    private static String plain(List<Part> parts) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Chars c) {
                out.append(c.text());
            } else if (p instanceof Pc pc) {
                out.append(plain(pc.children()));
            } else if (p instanceof Ph ph && ph.disp() != null) {
                out.append(ph.disp());
            }
        }
        return out.toString();
    }

    /** The BCP 47 tag of a language in XLIFF: its html lang, marked private-use where that is its source's too. */
    static String bcp47(Language lang, Language source) {
        return lang.htmlLang().equals(source.htmlLang()) ? lang.htmlLang() + "-x-" + lang.code() : lang.htmlLang();
    }

    private Revision revision(Variant v, int number) {
        return reads.revision(v.id(), number).orElseThrow(() ->
                DomainException.notFound("the " + v.language() + " version has no revision " + number));
    }

    private static long number(String value, String what) {
        try {
            return Long.parseLong(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw invalid(what + " is missing or not a number; keep the attributes of <file> as exported");
        }
    }

    static DomainException invalid(String detail) {
        return DomainException.malformed("invalid-xliff", detail);
    }
}
