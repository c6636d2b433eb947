package fi.laituri.search.lucene;

import fi.laituri.search.SearchDocument;
import fi.laituri.site.RenderedPages;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A second listener on the site build's port, in tests that ask for it: it keeps the search documents of the last
 * full build, so that a test can index the seed site's pages, exactly as the build sends them, into an index of
 * its own beside thousands of others.
 */
@Singleton
@Requires(property = "laituri.test.capture-pages", value = "true")
class CapturedPages implements RenderedPages {

    private volatile List<SearchDocument> last = List.of();

    @Override
    public void replaceAll(Path siteRoot, List<Published> pages) {
        last = pages.stream().map(p -> new SearchDocument(SearchDocument.id(p.key(), p.language()), p.language(),
                p.kind(), p.url(), p.title(), p.summary(), p.text(), p.tags(), p.authors(), p.date())).toList();
    }

    @Override
    public void update(Path siteRoot, List<Published> changed, Collection<Removed> removed) {
    }

    List<SearchDocument> last() {
        return last;
    }
}
