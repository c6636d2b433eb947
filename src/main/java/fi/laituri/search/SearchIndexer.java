package fi.laituri.search;

import fi.laituri.search.lucene.LuceneIndexer;
import fi.laituri.search.lucene.LuceneSearchIndex;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * What the site build calls to keep the index in step with the pages. The index lives beside the pages, in
 * {@code <siteRoot>/search/}: {@code builds/<name>/} and a {@code current} link to the live one.
 */
@Singleton
public class SearchIndexer {

    static final String FOLDER = "search";

    private final LuceneIndexer lucene;
    private final LuceneSearchIndex searcher;

    SearchIndexer(LuceneIndexer lucene, LuceneSearchIndex searcher) {
        this.lucene = lucene;
        this.searcher = searcher;
    }

    /** A full build: writes a fresh index of {@code docs} and swaps it in atomically; readers move to it. */
    public void replaceAll(Path siteRoot, List<SearchDocument> docs) {
        lucene.replaceAll(siteRoot.resolve(FOLDER), docs);
        searcher.refreshSoon();
    }

    /** As {@link #replaceAll(Path, List)}, the index noting the fingerprint of the pages it was made of. */
    public void replaceAll(Path siteRoot, List<SearchDocument> docs, String fingerprint) {
        lucene.replaceAll(siteRoot.resolve(FOLDER), docs, fingerprint);
        searcher.refreshSoon();
    }

    /** Whether the live index was made by a full build of pages with this fingerprint, and changed by nothing since. */
    public boolean holds(Path siteRoot, String fingerprint) {
        return lucene.holds(siteRoot.resolve(FOLDER), fingerprint);
    }

    /**
     * An incremental change: replaces or adds {@code upserts} by id, removes {@code deletedIds}
     * ({@code <key>:<language>}) and commits; searchable at once here, within a second on a search node.
     */
    public void update(Path siteRoot, List<SearchDocument> upserts, Collection<String> deletedIds) {
        lucene.update(siteRoot.resolve(FOLDER), upserts, deletedIds);
        searcher.refreshSoon();
    }
}
