package fi.laituri.site;

import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The port through which a published build tells who listens (search) what it published, one record per content
 * page. The build knows only this interface; its listeners implement it, so the site depends on none of them.
 * Each call comes after the build is live, outside any transaction, in the order the builds were published.
 */
public interface RenderedPages {

    /** Every content page of a full build; whatever a listener held for {@code siteRoot} and is not among them is gone. */
    void replaceAll(Path siteRoot, List<Published> pages);

    /**
     * A full build whose content pages, as a whole, have {@code fingerprint} (the same content read by the same code
     * has the same one). A listener that holds what it made of pages with that fingerprint may keep it and never ask
     * for {@code pages}, whose text is every body parsed once more; by default, {@link #replaceAll(Path, List)}.
     */
    default void replaceAll(Path siteRoot, String fingerprint, Supplier<List<Published>> pages) {
        replaceAll(siteRoot, pages.get());
    }

    /** After an incremental build: {@code changed} pages are new or read differently, {@code removed} left the site. */
    void update(Path siteRoot, List<Published> changed, Collection<Removed> removed);

    /**
     * A content page as published: {@code text} is its body as plain text (empty for a body the renderer gives up
     * on), {@code authors} their names, {@code url} the site path of the page.
     */
    record Published(String key, String language, String kind, String url, String title, String summary, String text,
                List<String> tags, List<String> authors, @Nullable OffsetDateTime date) {

        public Published {
            tags = List.copyOf(tags);
            authors = List.copyOf(authors);
        }
    }

    /** A language version of a document that has no page on the site any more. */
    record Removed(String key, String language) {
    }
}
