package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.media.SiteMedia;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A page for every live version, with its {@code doc:} links pointing at the same language's pages and its
 * {@code media:} images and links at the files {@link MediaFiles} publishes.
 */
@Singleton
class ContentPages implements SiteRenderer {

    private final Markdown markdown;
    private final PageRenderer pages;
    private final PageLinks links;
    private final SiteMedia media;
    private final SiteMessages messages;
    private final BodyMedia bodyMedia;
    private final List<Discussions> discussions;
    private final PublishedPages published;

    ContentPages(Markdown markdown, PageRenderer pages, PageLinks links, SiteMedia media, SiteMessages messages,
                 BodyMedia bodyMedia, List<Discussions> discussions, PublishedPages published) {
        this.published = published;
        this.markdown = markdown;
        this.pages = pages;
        this.links = links;
        this.media = media;
        this.messages = messages;
        this.bodyMedia = bodyMedia;
        this.discussions = discussions;
    }

    /**
     * A page is made from its document's versions (its own content, translations and switcher), the footer's
     * pages, its authors and its discussion; the documents its {@code doc:} links name are looked up while rendering.
     *
     * <p>When the model was made from the one this renderer last planned ({@link SiteModel#since}), the pages of the
     * documents that did not change are taken over from that plan, found by walking the two key-ordered lists side by
     * side (the model keeps the same version object while a document is unchanged), and marked carried; their
     * discussions are not asked for. Only changed documents' pages, pages naming media, the accessibility statement
     * and pages whose comment window closed since are planned again. A site of 300,000 pages plans an edit in
     * milliseconds instead of looking each page up in maps.
     */
    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        return plan(site, warnings, null).files();
    }

    /** As {@link #plan}, carried pages left out of the list but for those {@code lookingUp} names. */
    @Override
    public Plan planChange(SiteModel site, List<String> warnings, Set<String> lookingUp) {
        return plan(site, warnings, lookingUp);
    }

    /** Leaves carried pages out of the list when {@code lookingUp} is given, but for those it names. */
    private Plan plan(SiteModel site, List<String> warnings, Set<String> lookingUp) {
        List<PlannedFile> files = new ArrayList<>(lookingUp == null ? site.variants().size() : 64);
        SiteMedia.Snapshot library = media.snapshot();
        for (LiveVariant v : site.unbuildable()) {
            SiteModel.unbuildableBecause(v).ifPresent(why -> warnings.add(v.key() + " (" + v.language() + "): " + why));
        }
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant discussedAt = discussions.isEmpty() ? now : discussions.get(0).now();
        String footer = PageLinks.fingerprint(site);
        SiteModel.Since since = site.since();
        Memo last = java.util.Objects.requireNonNullElse(memos.since(site), NO_MEMO);
        boolean carrying = since != null && last.model() == since.model() && since.sameAuthors() && last.footer().equals(footer);
        List<LiveVariant> variants = site.variants();
        Planned[] was = new Planned[variants.size()];
        matchPlanned(variants, last, was);
        // Carrying, the pages planned again are found from the change, without a look at each of the site's versions.
        java.util.BitSet again = new java.util.BitSet(variants.size());
        if (carrying) {
            for (String key : since.keys()) {
                int[] range = site.variantsOf(key);
                again.set(range[0], range[1]);
            }
            int[] statement = site.variantsOf(PageLinks.ACCESSIBILITY_STATEMENT);
            again.set(statement[0], statement[1]);
            for (LiveVariant v : site.withMedia()) {
                int[] range = site.variantsOf(v.key());
                again.set(range[0], range[1]);
            }
            for (int i = 0; i < variants.size(); i++) {
                if (was[i] == null || lapses(variants.get(i), last.discussedAt(), discussedAt)) {
                    again.set(i);
                }
            }
        } else {
            again.set(0, variants.size());
        }
        List<LiveVariant> ask = carrying ? again.stream().mapToObj(variants::get).toList() : variants;
        Map<String, Discussions.Discussion> discussed = new HashMap<>();
        if (!ask.isEmpty()) {
            discussions.forEach(d -> discussed.putAll(d.of(ask)));
        }
        Map<Discussions.Discussion, String> lastDiscussions = discussionFingerprints;
        // Carrying, the discussions of carried pages are not asked for: the last map stays as it is, for the next plan
        // of every page, and those of the pages planned again are looked up in it, not added (it would grow at every edit).
        Map<Discussions.Discussion, String> nextDiscussions = carrying ? new HashMap<>()
                : new java.util.concurrent.ConcurrentHashMap<>(lastDiscussions.size() * 4 / 3 + 16);
        Planned[] plans = new Planned[variants.size()];
        java.util.BitSet left = new java.util.BitSet(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            Planned now0;
            AccessibilityStatement statement = null;
            boolean carried = !again.get(i);
            if (carried && lookingUp != null && (lookingUp.isEmpty() || !lookingUp.contains(was[i].path()))) {
                // Carried and left out: counted, and its plan kept for the next build.
                plans[i] = was[i];
                left.set(i);
                continue;
            }
            LiveVariant v = variants.get(i);
            if (carried) {
                now0 = was[i];
            } else {
                // The statement's checks (its sections, its age) are made at every build, so an old one is always reported.
                statement = v.key().equals(PageLinks.ACCESSIBILITY_STATEMENT)
                        ? AccessibilityStatement.of(v, site.absolute(site.home(site.language(v.language()))),
                                messages.of(v.language()), now, warnings)
                        : null;
                now0 = planned(site, v, was[i], statement, footer, library,
                        discussed.isEmpty() ? null : discussed.get(Discussions.key(v.documentId(), v.language())),
                        lastDiscussions, nextDiscussions);
                // Inputs as they were: the live page is this one (the statement's checks aside, which run every time).
                carried = carrying && statement == null && now0 == was[i];
            }
            plans[i] = now0;
            AccessibilityStatement shown = statement;
            Discussions.Discussion discussion = now0.discussionShown();
            files.add(new PlannedFile(now0.path(), now0.fingerprint(),
                    () -> render(site, v, bylines(site, v), shown, discussion, library), carried));
        }
        memos.note(site, new Memo(site.serial(), variants, plans, footer, discussedAt));
        discussionFingerprints = carrying ? lastDiscussions : nextDiscussions;
        int count = left.cardinality();
        return new Plan(files, Plan.Left.of(count, to -> left.stream().forEach(i -> to.accept(plans[i].path()))));
    }

    private boolean lapses(LiveVariant v, java.time.Instant from, java.time.Instant to) {
        for (Discussions d : discussions) {
            if (d.lapses(v, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** A version's page planned anew: the last plan's when its inputs are the same (same path and fingerprint). */
    private static Planned planned(SiteModel site, LiveVariant v, Planned was, AccessibilityStatement statement, String footer,
                                   SiteMedia.Snapshot library, Discussions.Discussion discussion,
                                   Map<Discussions.Discussion, String> lastDiscussions,
                                   Map<Discussions.Discussion, String> nextDiscussions) {
        String discussionFingerprint = discussion == null ? null
                : remembered(discussion, lastDiscussions, nextDiscussions, Fingerprint::of);
        String entry = site.entryFingerprint(v);
        String files0 = site.namesMedia(v) ? library.fingerprint(v.body()) : "";
        if (statement == null && was != null && was.entry().equals(entry) && was.footer().equals(footer)
                && was.files().equals(files0) && java.util.Objects.equals(was.discussion(), discussionFingerprint)) {
            return was;
        }
        String inputs = "page:" + entry + ":" + footer + ":" + files0
                + (discussionFingerprint == null ? "" : ":" + discussionFingerprint);
        // Without the leading slash, as PlannedFile keeps it: no new string for it at every build.
        return new Planned(site.url(v).substring(1) + "index.html", entry, footer, files0, discussionFingerprint, discussion,
                statement != null ? Fingerprint.of(inputs, statement) : Fingerprint.of(inputs, null));
    }

    /**
     * Puts into {@code was} the last plan of each version of {@code variants} that is the very object the last plan had:
     * both lists are in key order, and only changed documents' versions differ, so one walk side by side finds them.
     */
    private static void matchPlanned(List<LiveVariant> variants, Memo last, Planned[] was) {
        List<LiveVariant> before = last.variants();
        int j = 0;
        for (int i = 0; i < variants.size() && j < before.size(); i++) {
            LiveVariant v = variants.get(i);
            if (before.get(j) == v) {
                was[i] = last.plans()[j++];
                continue;
            }
            // Past the old versions that sort before this one (of changed or removed documents).
            while (j < before.size() && before.get(j) != v && SiteModel.BY_KEY.compare(before.get(j), v) < 0) {
                j++;
            }
            if (j < before.size() && before.get(j) == v) {
                was[i] = last.plans()[j++];
            }
        }
    }

    /**
     * What the last build planned of each version's page, and what its fingerprint was made of: a page whose inputs
     * are the same keeps its fingerprint and path, without a SHA-256 and new strings for each of the site's pages at
     * every build (at 30,000 documents, a sixth of a one-edit build's CPU). {@code discussionShown} is what the page
     * shows below its text, kept so that a carried page whose links changed renders the same discussion.
     */
    private record Planned(String path, String entry, String footer, String files,
                           @io.micronaut.core.annotation.Nullable String discussion,
                           @io.micronaut.core.annotation.Nullable Discussions.Discussion discussionShown, String fingerprint) {
    }

    /**
     * The last plan: the model it was for (by serial), its versions in the model's order with each one's {@link Planned}
     * at the same index, the footer's fingerprint then and the discussions' time then.
     */
    private record Memo(long model, List<LiveVariant> variants, Planned[] plans, String footer, java.time.Instant discussedAt) {
    }

    private static final Memo NO_MEMO = new Memo(0, List.of(), new Planned[0], "", java.time.Instant.EPOCH);
    private final PlanMemos<Memo> memos = new PlanMemos<>();

    private volatile Map<Discussions.Discussion, String> discussionFingerprints = new java.util.concurrent.ConcurrentHashMap<>();

    private static <K> String remembered(K inputs, Map<K, String> last, Map<K, String> next,
                                         java.util.function.Function<K, String> fingerprintOf) {
        String fingerprint = last.get(inputs);
        if (fingerprint == null) {
            fingerprint = fingerprintOf.apply(inputs);
        }
        next.put(inputs, fingerprint);
        return fingerprint;
    }

    private PlannedFile.Rendered render(SiteModel site, LiveVariant v, List<Page.Byline> bylines,
                                        AccessibilityStatement statement, Discussions.Discussion discussion,
                                        SiteMedia.Snapshot library) {
        Language language = site.language(v.language());
        Set<String> lookups = new TreeSet<>();
        List<String> warnings = new ArrayList<>();
        SiteMedia.Words units = bodyMedia.words(language.code());
        String body;
        try {
            Markdown.HtmlAndText rendered = markdown.toHtmlAndText(v.body(),
                    key -> {
                        lookups.add(key);
                        return site.find(key, v.language()).map(site::url);
                    },
                    link -> warnings.add(v.key() + " (" + v.language() + "), line " + link.line()
                            + ": the link to doc:" + link.key() + " names no published " + v.language() + " document"),
                    library.links(v.language(), units, problem -> warnings.add(v.key() + " (" + v.language() + "): " + problem)));
            body = rendered.html();
            published.noteText(v, rendered.text());
        } catch (Unrenderable e) {
            // Within the limits (the model leaves out bodies over them) yet too deep or slow: the page says so.
            body = null;
            warnings.add(v.key() + " (" + v.language() + "): " + e.getMessage() + "; the page shows no text");
        }
        Page page = new Page(language.code(), language.htmlLang(), v.title(), v.summary(),
                body == null ? null : withoutSummary(body, v.summary()), bylines,
                v.date(), v.tags().stream().map(t -> new Page.Tag(t, site.tag(language, t, 1))).toList(), false,
                links.of(site, v), v.kind(), statement, discussion);
        String ogImage = library.openGraphImage(v.body()).map(path -> site.baseUrl() + path).orElse(null);
        return new PlannedFile.Rendered(pages.bytes(page, ogImage), lookups, warnings);
    }

    /**
     * The body without the summary where its first paragraph only repeats it, which the page shows above the body
     * (content from sites that put the lead in both): a first paragraph that is the summary goes, one that begins
     * with it keeps the rest. Compared as the summary's text escaped as the Markdown renderer escapes, spacing aside.
     */
    static String withoutSummary(String bodyHtml, String summary) {
        if (summary == null || summary.isBlank() || !bodyHtml.startsWith("<p>")) {
            return bodyHtml;
        }
        int end = bodyHtml.indexOf("</p>");
        if (end < 0) {
            return bodyHtml;
        }
        String first = oneSpaced(bodyHtml.substring(3, end)).strip();
        String lead = escape(oneSpaced(summary).strip());
        if (first.equals(lead)) {
            return bodyHtml.substring(end + 4).stripLeading();
        }
        if (first.startsWith(lead + " ")) {
            return "<p>" + first.substring(lead.length() + 1) + bodyHtml.substring(end);
        }
        return bodyHtml;
    }

    /**
     * {@code text} with each run of white space as one space, as {@code replaceAll("\\s+", " ")} (its {@code \s}:
     * space, tab, line feed, vertical tab, form feed, carriage return) without a regular expression, which was some 3%
     * of a full build's rendering; {@code text} itself where each run is a space already.
     */
    static String oneSpaced(String text) {
        int at = 0;
        // Up to the first white space that changes: other than a space, or a space before more white space.
        while (at < text.length() && !(isSpace(text.charAt(at))
                && (text.charAt(at) != ' ' || at + 1 < text.length() && isSpace(text.charAt(at + 1))))) {
            at++;
        }
        if (at == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, at);
        while (at < text.length()) {
            if (isSpace(text.charAt(at))) {
                out.append(' ');
                while (at < text.length() && isSpace(text.charAt(at))) {
                    at++;
                }
            } else {
                out.append(text.charAt(at++));
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static List<Page.Byline> bylines(SiteModel site, LiveVariant v) {
        return v.authors().stream().map(site.authors()::get).filter(Objects::nonNull)
                .map(a -> new Page.Byline(a.name(), a.title(), a.organisation())).toList();
    }
}
