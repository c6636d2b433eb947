package fi.laituri.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The port through which the site is searched; {@code search.lucene} answers it from the index files. */
public interface SearchIndex {

    int PAGE_SIZE = 10;

    SearchResult search(Request request);

    /** Completions of the last word of {@code text}, as whole queries, most frequent first. */
    List<String> suggest(String text, String language, int limit);

    /**
     * Why pages rank where they do for a query: Lucene's explanation of the first {@code limit} hits and, with
     * {@code id} ({@code <key>:<language>}), of that page wherever it ranks, or why it does not match at all.
     */
    Explanation explain(Request request, @Nullable String id, int limit);

    /** A validated query; {@code page} counts from 1. */
    record Request(String text, String language, @Nullable String kind, @Nullable String tag, int page) {
    }

    /**
     * One page of hits in the requested language. {@code didYouMean} is a corrected query when words of this one
     * are not on the site; {@code corrected} says the hits are for it, because this one found nothing.
     */
    @Serdeable
    record SearchResult(String query, String language, long total, int page, int pageSize, List<Hit> hits,
                        Map<String, Long> kinds, Map<String, Long> tags, @Nullable String didYouMean,
                        boolean corrected, List<LanguageCount> otherLanguages) {
    }

    /** {@code snippets} are HTML: text escaped, matched words in {@code <mark>}. */
    @Serdeable
    record Hit(String id, String title, String url, String language, String kind, @Nullable String date,
               List<String> snippets, float score) {
    }

    /** {@code searched}: the words ranked, with corrections of words the site does not have. */
    @Serdeable
    record Explanation(String query, String language, String searched, List<ExplainedHit> hits) {
    }

    /** {@code rank} counts from 1, 0 for a page the query does not rank; {@code explanation} is Lucene's, indented. */
    @Serdeable
    record ExplainedHit(int rank, String id, @Nullable String title, float score, String explanation) {
    }

    /** How many matches the same query has in another language. */
    @Serdeable
    record LanguageCount(String language, long total) {
    }
}
