package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.media.SiteMedia;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
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
     */
    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>(site.variants().size());
        SiteMedia.Snapshot library = media.snapshot();
        for (LiveVariant v : site.unbuildable()) {
            SiteModel.unbuildableBecause(v).ifPresent(why -> warnings.add(v.key() + " (" + v.language() + "): " + why));
        }
        java.time.Instant now = java.time.Instant.now();
        Map<String, Discussions.Discussion> discussed = new HashMap<>();
        discussions.forEach(d -> discussed.putAll(d.of(site.variants())));
        String footer = PageLinks.fingerprint(site);
        Map<LiveVariant, Planned> lastPages = planned;
        Map<LiveVariant, Planned> nextPages = new java.util.IdentityHashMap<>(site.variants().size());
        Map<Discussions.Discussion, String> nextDiscussions = new HashMap<>(discussionFingerprints.size() * 4 / 3 + 16);
        for (LiveVariant v : site.variants()) {
            // The statement's checks (its sections, its age) are made at every build, so an old one is always reported.
            AccessibilityStatement statement = v.key().equals(PageLinks.ACCESSIBILITY_STATEMENT)
                    ? AccessibilityStatement.of(v, site.absolute(site.home(site.language(v.language()))),
                            messages.of(v.language()), now, warnings)
                    : null;
            Planned was = lastPages.get(v);
            Discussions.Discussion discussion = discussed.isEmpty() ? null
                    : discussed.get(was != null ? was.discussionKey() : Discussions.key(v.documentId(), v.language()));
            String discussionFingerprint = discussion == null ? null
                    : remembered(discussion, discussionFingerprints, nextDiscussions, Fingerprint::of);
            String entry = site.entryFingerprint(v);
            String files0 = site.namesMedia(v) ? library.fingerprint(v.body()) : "";
            Planned now0;
            if (statement == null && was != null && was.entry().equals(entry) && was.footer().equals(footer)
                    && was.files().equals(files0) && java.util.Objects.equals(was.discussion(), discussionFingerprint)) {
                now0 = was;
            } else {
                String inputs = "page:" + entry + ":" + footer + ":" + files0
                        + (discussionFingerprint == null ? "" : ":" + discussionFingerprint);
                // Without the leading slash, as PlannedFile keeps it: no new string for it at every build.
                now0 = new Planned(site.url(v).substring(1) + "index.html", Discussions.key(v.documentId(), v.language()), entry,
                        footer, files0, discussionFingerprint,
                        statement != null ? Fingerprint.of(inputs, statement) : Fingerprint.of(inputs, null));
            }
            nextPages.put(v, now0);
            files.add(new PlannedFile(now0.path(), now0.fingerprint(),
                    () -> render(site, v, bylines(site, v), statement, discussion, library)));
        }
        planned = nextPages;
        discussionFingerprints = nextDiscussions;
        return files;
    }

    /**
     * What the last build planned of each version's page, by the version itself (the model keeps the same object
     * while a document is unchanged), and what its fingerprint was made of: a page whose inputs are the same keeps
     * its fingerprint and path, without a SHA-256 and new strings for each of the site's pages at every build (at
     * 30,000 documents, a sixth of a one-edit build's CPU). Only this build's are kept for the next.
     */
    private record Planned(String path, String discussionKey, String entry, String footer, String files,
                           @io.micronaut.core.annotation.Nullable String discussion, String fingerprint) {
    }

    private volatile Map<LiveVariant, Planned> planned = Map.of();
    private volatile Map<Discussions.Discussion, String> discussionFingerprints = Map.of();

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
        return new PlannedFile.Rendered(pages.render(page, ogImage).getBytes(StandardCharsets.UTF_8), lookups, warnings);
    }

    /**
     * The body without the summary where its first paragraph only repeats it, which the page shows above the body
     * (content from sites that put the lead in both): a first paragraph that is the summary goes, one that begins
     * with it keeps the rest. Compared as the summary's text escaped as the Markdown renderer escapes, spacing aside.
     */
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    static String withoutSummary(String bodyHtml, String summary) {
        if (summary == null || summary.isBlank() || !bodyHtml.startsWith("<p>")) {
            return bodyHtml;
        }
        int end = bodyHtml.indexOf("</p>");
        if (end < 0) {
            return bodyHtml;
        }
        String first = SPACES.matcher(bodyHtml.substring(3, end)).replaceAll(" ").strip();
        String lead = escape(SPACES.matcher(summary).replaceAll(" ").strip());
        if (first.equals(lead)) {
            return bodyHtml.substring(end + 4).stripLeading();
        }
        if (first.startsWith(lead + " ")) {
            return "<p>" + first.substring(lead.length() + 1) + bodyHtml.substring(end);
        }
        return bodyHtml;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static List<Page.Byline> bylines(SiteModel site, LiveVariant v) {
        return v.authors().stream().map(site.authors()::get).filter(Objects::nonNull)
                .map(a -> new Page.Byline(a.name(), a.title(), a.organisation())).toList();
    }
}
