package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The build's side of {@link RenderedPages}: the records of the content pages a build published, sent to every
 * listener. The model holds live revisions only, so drafts, scheduled and unpublished versions never leave.
 */
@Singleton
class PublishedPages {

    private final List<RenderedPages> listeners;
    private final Markdown markdown;

    PublishedPages(List<RenderedPages> listeners, Markdown markdown) {
        this.listeners = listeners;
        this.markdown = markdown;
    }

    /**
     * A full build: every live version's page, made only when a listener asks for them. Their fingerprint is that of
     * what every file depends on ({@code siteFingerprint}: the code among it) and of each version's listing entry
     * (the document's versions and the authors' names), which is all a page record is made from.
     */
    void all(Path siteRoot, SiteModel site, String siteFingerprint) {
        String fingerprint = Fingerprint.of("published-pages", siteFingerprint,
                site.variants().stream().map(site::entryFingerprint).toList());
        List<List<RenderedPages.Published>> made = new ArrayList<>();
        java.util.function.Supplier<List<RenderedPages.Published>> pages = () -> {
            if (made.isEmpty()) {
                // Each page's text is its body parsed once more: on every core, in the model's order.
                made.add(site.variants().parallelStream().map(v -> page(site, v)).toList());
            }
            return made.get(0);
        };
        listeners.forEach(l -> l.replaceAll(siteRoot, fingerprint, pages));
    }

    /**
     * An incremental build after the documents of {@code keys} changed: their live versions are sent again, and
     * their versions in other languages, no longer live, as removed.
     */
    void changed(Path siteRoot, SiteModel site, Set<String> keys) {
        List<RenderedPages.Published> changed = new ArrayList<>();
        List<RenderedPages.Removed> removed = new ArrayList<>();
        for (String key : keys) {
            for (Language language : site.languages()) {
                site.find(key, language.code()).ifPresentOrElse(v -> changed.add(page(site, v)),
                        () -> removed.add(new RenderedPages.Removed(key, language.code())));
            }
        }
        listeners.forEach(l -> l.update(siteRoot, changed, removed));
    }

    private RenderedPages.Published page(SiteModel site, LiveVariant v) {
        List<String> authors = v.authors().stream()
                .map(id -> site.authors().get(id)).filter(Objects::nonNull).map(Api.AuthorView::name).toList();
        return new RenderedPages.Published(v.key(), v.language(), v.kind(), site.url(v), v.title(),
                v.summary() == null ? "" : v.summary(), bodyText(v), v.tags(), authors, SiteModel.published(v));
    }

    /**
     * The plain text of pages this build rendered, by key and language, with the body it is the text of: a page's
     * render parses its body once for both (most of the cost of either). Held from the render until the build's
     * pages have been sent or the build failed ({@link #forget()}, which the builder calls after every build); a page kept from the live build has none, and is parsed here.
     */
    private volatile Map<String, Noted> texts = new ConcurrentHashMap<>();

    private record Noted(String body, String text) {
    }

    /** Notes the text of a page rendered by this build; called from every core. */
    void noteText(LiveVariant v, String text) {
        texts.put(key(v.key(), v.language()), new Noted(v.body(), text));
    }

    /** Drops what {@link #noteText} held: after a build that was not published, or once the pages have been sent. */
    void forget() {
        texts = new ConcurrentHashMap<>();
    }

    /**
     * Readies {@link #noteText} for a full build of about {@code pages} pages, noted from every core: a map that grows as
     * they come stops them to copy it each time it doubles.
     */
    void expect(int pages) {
        texts = new ConcurrentHashMap<>(Math.max(16, pages));
    }

    private static String key(String key, String language) {
        return language + '\u0000' + key;
    }

    /** The text of the body; none for a body the renderer gives up on (its page says so, the build reports it). */
    private String bodyText(LiveVariant v) {
        Noted noted = texts.remove(key(v.key(), v.language()));
        if (noted != null && noted.body().equals(v.body())) {
            return noted.text();
        }
        try {
            return markdown.toPlainText(v.body());
        } catch (Unrenderable e) {
            return "";
        }
    }
}
