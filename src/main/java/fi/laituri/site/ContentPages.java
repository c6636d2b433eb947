package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.media.SiteMedia;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    ContentPages(Markdown markdown, PageRenderer pages, PageLinks links, SiteMedia media, SiteMessages messages) {
        this.markdown = markdown;
        this.pages = pages;
        this.links = links;
        this.media = media;
        this.messages = messages;
    }

    /**
     * A page is made from its document's versions (its own content, translations and switcher), the footer's
     * pages and its authors; the documents its {@code doc:} links name are looked up while rendering.
     */
    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>(site.variants().size());
        SiteMedia.Snapshot library = media.snapshot();
        for (LiveVariant v : site.unbuildable()) {
            SiteModel.unbuildableBecause(v).ifPresent(why -> warnings.add(v.key() + " (" + v.language() + "): " + why));
        }
        for (LiveVariant v : site.variants()) {
            String files0 = v.body().contains("media:") ? library.fingerprint(v.body()) : "";
            String fingerprint = Fingerprint.of("page:" + site.entryFingerprint(v) + ":" + PageLinks.fingerprint(site) + ":" + files0);
            files.add(new PlannedFile(site.url(v) + "index.html", fingerprint, () -> render(site, v, bylines(site, v), library)));
        }
        return files;
    }

    private PlannedFile.Rendered render(SiteModel site, LiveVariant v, List<Page.Byline> bylines, SiteMedia.Snapshot library) {
        Language language = site.language(v.language());
        Set<String> lookups = new TreeSet<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> words = messages.of(language.code());
        SiteMedia.Words units = new SiteMedia.Words(Locale.forLanguageTag(language.htmlLang()),
                words.getOrDefault("mediaMegabytes", "MB"), words.getOrDefault("mediaKilobytes", "kB"));
        String body;
        try {
            body = markdown.toHtml(v.body(),
                    key -> {
                        lookups.add(key);
                        return site.find(key, v.language()).map(site::url);
                    },
                    link -> warnings.add(v.key() + " (" + v.language() + "), line " + link.line()
                            + ": the link to doc:" + link.key() + " names no published " + v.language() + " document"),
                    library.links(v.language(), units, problem -> warnings.add(v.key() + " (" + v.language() + "): " + problem)));
        } catch (Unrenderable e) {
            // Within the limits (the model leaves out bodies over them) yet too deep or slow: the page says so.
            body = null;
            warnings.add(v.key() + " (" + v.language() + "): " + e.getMessage() + "; the page shows no text");
        }
        Page page = new Page(language.code(), language.htmlLang(), v.title(), v.summary(), body, bylines,
                v.date(), v.tags().stream().map(t -> new Page.Tag(t, site.tag(language, t, 1))).toList(), false,
                links.of(site, v));
        String ogImage = library.openGraphImage(v.body()).map(path -> site.baseUrl() + path).orElse(null);
        return new PlannedFile.Rendered(pages.render(page, ogImage).getBytes(StandardCharsets.UTF_8), lookups, warnings);
    }

    private static List<Page.Byline> bylines(SiteModel site, LiveVariant v) {
        return v.authors().stream().map(site.authors()::get).filter(Objects::nonNull)
                .map(a -> new Page.Byline(a.name(), a.title(), a.organisation())).toList();
    }
}
