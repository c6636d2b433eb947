package fi.laituri.search;

import fi.laituri.site.RenderedPages;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Search's side of the site build: it listens on {@link RenderedPages} and indexes the pages each published build
 * sends, in full after a full build and by page after an incremental one. With {@code laituri.search.ndjson} set,
 * a full build's documents are also written there for OpenSearch's bulk API.
 */
@Singleton
public class SiteIndexing implements RenderedPages {

    private final SearchIndexer indexer;
    private final OpenSearchBulk bulk;
    private final String ndjson;

    SiteIndexing(SearchIndexer indexer, OpenSearchBulk bulk, @Value("${laituri.search.ndjson:}") String ndjson) {
        this.indexer = indexer;
        this.bulk = bulk;
        this.ndjson = ndjson;
    }

    @Override
    public void replaceAll(Path siteRoot, List<Published> pages) {
        List<SearchDocument> docs = pages.stream().map(SiteIndexing::document).toList();
        indexer.replaceAll(siteRoot, docs);
        if (!ndjson.isBlank()) {
            bulk.write(Path.of(ndjson), docs);
        }
    }

    /** Keeps the live index when it was made of pages with this fingerprint (a rebuild with nothing changed). */
    @Override
    public void replaceAll(Path siteRoot, String fingerprint, Supplier<List<Published>> pages) {
        if (ndjson.isBlank() && indexer.holds(siteRoot, fingerprint)) {
            return;
        }
        List<SearchDocument> docs = pages.get().stream().map(SiteIndexing::document).toList();
        indexer.replaceAll(siteRoot, docs, fingerprint);
        if (!ndjson.isBlank()) {
            bulk.write(Path.of(ndjson), docs);
        }
    }

    @Override
    public void update(Path siteRoot, List<Published> changed, Collection<Removed> removed) {
        indexer.update(siteRoot, changed.stream().map(SiteIndexing::document).toList(),
                removed.stream().map(r -> SearchDocument.id(r.key(), r.language())).toList());
    }

    private static SearchDocument document(Published page) {
        return new SearchDocument(SearchDocument.id(page.key(), page.language()), page.language(), page.kind(),
                page.url(), page.title(), page.summary(), page.text(), page.tags(), page.authors(), page.date());
    }
}
