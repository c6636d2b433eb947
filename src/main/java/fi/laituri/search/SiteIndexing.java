package fi.laituri.search;

import fi.laituri.content.Api;
import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.site.SiteModel;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * The site build's side of search: the documents of a site model's live versions (the model holds live
 * revisions only, so drafts, scheduled and unpublished versions are never indexed), indexed in full with every
 * published build. With {@code laituri.search.ndjson} set, the documents are also written there for
 * OpenSearch's bulk API.
 */
@Singleton
public class SiteIndexing {

    private final SearchIndexer indexer;
    private final Markdown markdown;
    private final OpenSearchBulk bulk;
    private final String ndjson;

    SiteIndexing(SearchIndexer indexer, Markdown markdown, OpenSearchBulk bulk,
                 @Value("${laituri.search.ndjson:}") String ndjson) {
        this.indexer = indexer;
        this.markdown = markdown;
        this.bulk = bulk;
        this.ndjson = ndjson;
    }

    /** Indexes exactly the site's live versions, replacing the index under {@code siteRoot}. */
    public void replaceAll(Path siteRoot, SiteModel site) {
        List<SearchDocument> docs = documents(site);
        indexer.replaceAll(siteRoot, docs);
        if (!ndjson.isBlank()) {
            bulk.write(Path.of(ndjson), docs);
        }
    }

    /**
     * Updates the index for the documents of {@code keys}: their live versions are indexed again, and their
     * versions in other languages, no longer live, leave it.
     */
    public void update(Path siteRoot, SiteModel site, Set<String> keys) {
        List<SearchDocument> upserts = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (String key : keys) {
            for (Language language : site.languages()) {
                site.find(key, language.code()).ifPresentOrElse(v -> upserts.add(document(site, v)),
                        () -> deleted.add(SearchDocument.id(key, language.code())));
            }
        }
        indexer.update(siteRoot, upserts, deleted);
    }

    public List<SearchDocument> documents(SiteModel site) {
        return site.variants().stream().map(v -> document(site, v)).toList();
    }

    private SearchDocument document(SiteModel site, LiveVariant v) {
        List<String> authors = v.authors().stream()
                .map(id -> site.authors().get(id)).filter(Objects::nonNull).map(Api.AuthorView::name).toList();
        return new SearchDocument(SearchDocument.id(v.key(), v.language()), v.language(), v.kind(), site.url(v),
                v.title(), v.summary() == null ? "" : v.summary(), bodyText(v), v.tags(), authors, v.date());
    }

    /** The text of the body; none for a body the renderer gives up on (its page says so, the build reports it). */
    private String bodyText(LiveVariant v) {
        try {
            return markdown.toPlainText(v.body());
        } catch (Unrenderable e) {
            return "";
        }
    }
}
