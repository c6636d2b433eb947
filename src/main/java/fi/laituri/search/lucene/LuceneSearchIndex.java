package fi.laituri.search.lucene;

import fi.laituri.search.SearchIndex;
import io.micronaut.core.annotation.Nullable;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers searches from the live index under a search folder. Readers come from a {@link SearcherManager}
 * (acquired in try, released in finally); at most every {@value #CHECK_MILLIS} ms a search looks whether the
 * index was committed to (an incremental update) or the {@code current} link swapped (a full build or a copy
 * to a search node), so a change is searchable well within a second.
 */
public final class LuceneSearchIndex implements SearchIndex, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchIndex.class);
    private static final long CHECK_MILLIS = 200;
    /** Words searched of a query: enough for any real one, and well within Lucene's limit of clauses (1,024). */
    private static final int MAX_WORDS = 16;
    private static final int MAX_PAGES = 100;
    /** Highlighting marks the forms of the first words only, within Lucene's limit of clauses in a query. */
    private static final int MAX_MARKED_WORDS = 8;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final int MAX_MARKED_FORMS = 12;

    /**
     * The fields that decide whether a word matches a page (how much each weighs is {@link Ranking}'s): the
     * word starts of the title ({@link Fields#TITLE_LOOSE}) are left out, as the title's word starts are also in
     * {@link Fields#LOOSE}, analysed alike, so a page they match is matched anyway.
     */
    private static final List<String> FIELDS = List.of(Fields.TITLE_TEXT, Fields.TAGS_TEXT, Fields.SUMMARY_TEXT,
            Fields.BODY_TEXT, Fields.AUTHORS_TEXT, Fields.LOOSE);

    private static final PassageScorer PASSAGES = new PassageScorer() {
        /** Lucene's score (BM25 of the passage's words), without a hash table of 32 KB blocks for each passage. */
        @Override
        public float score(Passage passage, int contentLength) {
            int n = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            float score = 0;
            for (int i = 0; i < n; i++) {
                boolean counted = false;
                for (int j = 0; j < i && !counted; j++) {
                    counted = terms[j].bytesEquals(terms[i]);
                }
                if (!counted) {
                    int inPassage = 0;
                    for (int j = i; j < n; j++) {
                        inPassage += terms[j].bytesEquals(terms[i]) ? 1 : 0;
                    }
                    score += tf(inPassage, passage.getLength()) * weight(contentLength, inDoc[i]);
                }
            }
            return score * norm(passage.getStartOffset());
        }
    };

    /**
     * Searches run at most one per core, the others waiting their turn in order: a search is all CPU, so more at
     * once only share the cores, and every search, not just the last, would take as long as the slowest of them.
     */
    private final java.util.concurrent.Semaphore running =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private final Analyzer analyzer;
    private final Path search;
    private final List<String> languages;
    private final Clock clock;
    private final Ranking ranking;
    /** Most typos are one edit away, and looking one edit away costs a fraction of looking two. */
    private final DirectSpellChecker oneEdit = new DirectSpellChecker();
    private final DirectSpellChecker twoEdits = new DirectSpellChecker();
    private Open open;
    private Failure failed;
    private long checked;

    private record Failure(Path index, String reason) {
    }

    /**
     * One opened index, counted: one reference while it is the live one, one for each search using it. Its manager
     * and directory close when the count reaches zero, so a swap never closes them under a search.
     */
    private record Open(Path dir, FSDirectory directory, SearcherManager manager, AtomicInteger references) {

        static Open of(Path dir, Similarity similarity) throws IOException {
            FSDirectory directory = FSDirectory.open(dir);
            try {
                if (!DirectoryReader.indexExists(directory)) {
                    throw new NoSuchFileException(dir.toString(), null, "no index");
                }
                return new Open(dir, directory, new SearcherManager(directory, new SearcherFactory() {
                    @Override
                    public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                        IndexSearcher searcher = new IndexSearcher(reader);
                        searcher.setSimilarity(similarity);
                        return searcher;
                    }
                }), new AtomicInteger(1));
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        }

        void take() {
            references.incrementAndGet();
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                try {
                    manager.close();
                    directory.close();
                } catch (IOException e) {
                    LOG.warn("cannot close the search index {}: {}", dir, e.toString());
                }
            }
        }
    }

    LuceneSearchIndex(Analysis analysis, Path search, List<String> languages, Clock clock) {
        this(analysis, search, languages, clock, Ranking.Weights.DEFAULTS);
    }

    LuceneSearchIndex(Analysis analysis, Path search, List<String> languages, Clock clock, Ranking.Weights weights) {
        this.analyzer = analysis.query();
        this.ranking = new Ranking(analyzer, weights);
        this.search = search.toAbsolutePath().normalize();
        this.languages = List.copyOf(languages);
        this.clock = clock;
        oneEdit.setMaxEdits(1);
    }

    @Override
    public SearchResult search(SearchIndex.Request q) {
        Open index = acquire();
        if (index == null) {
            return new SearchResult(q.text(), q.language(), 0, q.page(), PAGE_SIZE, List.of(), Map.of(), Map.of(),
                    null, false, List.of());
        }
        IndexSearcher searcher = null;
        running.acquireUninterruptibly();
        try {
            searcher = index.manager().acquire();
            return search(searcher, q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running.release();
            release(index, searcher);
        }
    }

    private SearchResult search(IndexSearcher searcher, SearchIndex.Request q) throws IOException {
        SearchTerms terms = new SearchTerms(searcher);
        String text = limitWords(q.text());
        String didYouMean = spellingOf(terms, text, q.language());
        String phrase = text;
        boolean corrected = false;
        Query matches = null;
        FacetCounts facets = null;
        long total = 0;
        if (didYouMean != null) {
            // Words the site does not have are typos more often than not: search for the corrected words too, and
            // only for them when the words as written find nothing at all.
            corrected = !anyMatch(terms, text, q);
            String both = corrected ? didYouMean : text + " " + didYouMean;
            matches = matches(terms, both, q.language());
            facets = facets(searcher, matches);
            total = total(searcher, matches, facets, q);
            if (total > 0) {
                text = both;
                phrase = didYouMean;
            } else {
                corrected = false;
                facets = null;
            }
        }
        if (facets == null) {
            matches = matches(terms, text, q.language());
            facets = facets(searcher, matches);
            total = total(searcher, matches, facets, q);
        }
        if (matches == null) {
            return new SearchResult(q.text(), q.language(), 0, q.page(), PAGE_SIZE, List.of(), Map.of(), Map.of(),
                    didYouMean, false, List.of());
        }
        int page = Math.min(q.page(), MAX_PAGES);
        TopDocs top = ranked(terms, text, phrase, q, page * PAGE_SIZE);
        ScoreDoc[] pageDocs = java.util.Arrays.copyOfRange(top.scoreDocs,
                Math.min(top.scoreDocs.length, (page - 1) * PAGE_SIZE), top.scoreDocs.length);
        List<Hit> hits = hits(searcher, pageDocs, text, q.language());
        List<LanguageCount> others = new ArrayList<>();
        for (String l : languages) {
            Query inOther = l.equals(q.language()) ? null : matches(terms, text, l);
            long count = inOther == null ? 0 : searcher.count(inOther);
            if (count > 0) {
                others.add(new LanguageCount(l, count));
            }
        }
        return new SearchResult(q.text(), q.language(), total, page, PAGE_SIZE, hits, facets.kinds(), facets.tags(20),
                didYouMean, corrected, others);
    }

    @Override
    public Explanation explain(SearchIndex.Request q, @Nullable String id, int limit) {
        Open index = acquire();
        if (index == null) {
            return new Explanation(q.text(), q.language(), q.text(), List.of());
        }
        IndexSearcher searcher = null;
        running.acquireUninterruptibly();
        try {
            searcher = index.manager().acquire();
            return explain(searcher, q, id, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running.release();
            release(index, searcher);
        }
    }

    /** The words as {@link #search} ranks them (with corrections), its ranking, and Lucene's explanation of each. */
    private Explanation explain(IndexSearcher searcher, SearchIndex.Request q, @Nullable String id, int limit)
            throws IOException {
        SearchTerms terms = new SearchTerms(searcher);
        String text = limitWords(q.text());
        String phrase = text;
        String didYouMean = spellingOf(terms, text, q.language());
        if (didYouMean != null) {
            text = anyMatch(terms, text, q) ? text + " " + didYouMean : didYouMean;
            phrase = didYouMean;
        }
        Ranking.Queries queries = rankingQueries(terms, text, phrase, q);
        if (queries == null) {
            return new Explanation(q.text(), q.language(), text, List.of());
        }
        // Ranked as a search ranks its first ten pages, so the ranks and the scores are the ones readers see.
        Ranked ranked = ranked(searcher, queries, window(limit));
        StoredFields stored = searcher.storedFields();
        List<ExplainedHit> out = new ArrayList<>();
        int wanted = -1;
        if (id != null) {
            TopDocs page = searcher.search(new TermQuery(new Term(Fields.ID, id)), 1);
            wanted = page.scoreDocs.length == 0 ? -1 : page.scoreDocs[0].doc;
        }
        boolean wantedShown = false;
        for (int i = 0; i < ranked.top().scoreDocs.length; i++) {
            ScoreDoc hit = ranked.top().scoreDocs[i];
            if (i < limit || hit.doc == wanted) {
                Document doc = stored.document(hit.doc);
                out.add(new ExplainedHit(i + 1, doc.get(Fields.ID), doc.get(Fields.TITLE), hit.score,
                        ranked.recency().explain(searcher, explainWords(searcher, queries.full(), hit.doc), hit.doc)
                                .toString()));
                wantedShown |= hit.doc == wanted;
            }
        }
        if (id != null && !wantedShown) {
            Document doc = wanted < 0 ? null : stored.document(wanted);
            out.add(new ExplainedHit(0, id, doc == null ? null : doc.get(Fields.TITLE), 0,
                    wanted < 0 ? "no page " + id + " in the index" : notRanked(searcher, queries, wanted)));
        }
        return new Explanation(q.text(), q.language(), text, out);
    }

    /** Why a page is not among the ranked ones: the words do not match it, or the first pass left it out. */
    private String notRanked(IndexSearcher searcher, Ranking.Queries queries, int doc) throws IOException {
        org.apache.lucene.search.Explanation first = searcher.explain(queries.first(), doc);
        if (!first.isMatch()) {
            return explainWords(searcher, queries.full(), doc).toString();
        }
        return org.apache.lucene.search.Explanation.noMatch("not ranked: the first pass (each word's fields summed)"
                + " ranks " + ranking.weights().candidates() + " other pages above it, and only those are ranked by the words in full; its"
                + " first-pass score:", first).toString();
    }

    /** The ranked pages, and the recency that ordered them. */
    private record Ranked(TopDocs top, Recency recency) {
    }

    /**
     * The best {@code n} pages, in three steps. The first pass ({@link Ranking.Queries#first}) finds the best
     * {@link Ranking.Weights#candidates} candidates (or the next multiple of it), which Lucene does by skipping the pages that
     * cannot make them (WAND); the candidates are then scored by the words in full ({@link Ranking.Queries#full},
     * computed by {@link FullScores}),
     * weighed by kind ({@link #byKind}), and given recency as a tie-breaker ({@link Recency}). Scoring every match
     * in full would cost several times as much: a page's best field and the all-words and proximity bonuses give
     * Lucene no bound to skip by. No filter is needed for the language: its fields are its own ({@code body.fi}).
     * Totals are counted by the facet pass, not here.
     */
    private Ranked ranked(IndexSearcher searcher, Ranking.Queries queries, int n) throws IOException {
        int window = window(n);
        TopDocs candidates = searcher.search(queries.first(), new TopScoreDocCollectorManager(window, null, window));
        TopDocs byWords = byKind(searcher, FullScores.rescore(searcher, queries, candidates, window));
        Recency recency = recency(byWords);
        return new Ranked(recency.rescore(searcher, byWords, n), recency);
    }

    /** The first pass's window for the best {@code n} pages: the next multiple of the candidates. */
    private int window(int n) {
        int candidates = ranking.weights().candidates();
        return (int) Math.min(Integer.MAX_VALUE, ((long) Math.max(n, 1) + candidates - 1) / candidates * candidates);
    }

    private TopDocs ranked(SearchTerms terms, String text, String phrase, SearchIndex.Request q, int n)
            throws IOException {
        IndexSearcher searcher = terms.searcher();
        Ranking.Queries queries = rankingQueries(terms, text, phrase, q);
        if (queries == null) {
            return new TopDocs(new org.apache.lucene.search.TotalHits(0, org.apache.lucene.search.TotalHits.Relation.EQUAL_TO),
                    new ScoreDoc[0]);
        }
        return ranked(searcher, queries, n).top();
    }

    /**
     * The words' ranking with the scores of the site's own pages (kind {@code page}: the accessibility statement,
     * the privacy notice, ...) weighed by {@link Ranking.Weights#pages}: they mention the site's topics in passing,
     * and should come after the content that is about them when the words rank both alike.
     */
    private TopDocs byKind(IndexSearcher searcher, TopDocs byWords) throws IOException {
        float weight = ranking.weights().pages();
        if (weight == 1f) {
            return byWords;
        }
        ScoreDoc[] docs = new ScoreDoc[byWords.scoreDocs.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new ScoreDoc(byWords.scoreDocs[i].doc, byWords.scoreDocs[i].score);
        }
        // In document order, so that each segment's kinds are read forward and its ordinal of "page" looked up once.
        java.util.Arrays.sort(docs, Comparator.comparingInt(d -> d.doc));
        List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        org.apache.lucene.index.LeafReaderContext leaf = null;
        org.apache.lucene.index.SortedDocValues kinds = null;
        int page = -1;
        for (ScoreDoc d : docs) {
            if (leaf == null || d.doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(d.doc, leaves));
                kinds = leaf.reader().getSortedDocValues(Fields.KIND);
                page = kinds == null ? -1 : kinds.lookupTerm(new BytesRef("page"));
            }
            if (page >= 0 && kinds.advanceExact(d.doc - leaf.docBase) && kinds.ordValue() == page) {
                d.score *= weight;
            }
        }
        java.util.Arrays.sort(docs, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new TopDocs(byWords.totalHits, docs);
    }

    private static boolean isPage(IndexSearcher searcher, int doc) throws IOException {
        List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        org.apache.lucene.index.LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        org.apache.lucene.index.SortedDocValues kinds = leaf.reader().getSortedDocValues(Fields.KIND);
        return kinds != null && kinds.advanceExact(doc - leaf.docBase) && kinds.lookupOrd(kinds.ordValue()).utf8ToString().equals("page");
    }

    /** Lucene's explanation of a page's words score, with the weight of its kind. */
    private org.apache.lucene.search.Explanation explainWords(IndexSearcher searcher, Query query, int doc) throws IOException {
        org.apache.lucene.search.Explanation words = searcher.explain(query, doc);
        float weight = ranking.weights().pages();
        if (weight == 1f || !words.isMatch() || !isPage(searcher, doc)) {
            return words;
        }
        return org.apache.lucene.search.Explanation.match(words.getValue().floatValue() * weight,
                "words score × the weight of the site's own pages (kind page), from:", words,
                org.apache.lucene.search.Explanation.match(weight, "weight of kind page"));
    }

    private Ranking.Queries rankingQueries(SearchTerms terms, String text, String phrase, SearchIndex.Request q)
            throws IOException {
        Ranking.Queries words = ranking.query(terms, text, phrase, q.language());
        return words == null || q.kind() == null && q.tag() == null ? words
                : words.filtered(query -> filtered(query, q));
    }

    /** Recency, added to the words' score of a window of pages: at most a small share of the window's best score. */
    private Recency recency(TopDocs byWords) {
        float best = byWords.scoreDocs.length == 0 ? 0 : byWords.scoreDocs[0].score;
        return new Recency(FeatureField.newSaturationQuery(Fields.FEATURES, Fields.RECENCY, 1f,
                Fields.recency(clock.instant().getEpochSecond())), best * ranking.weights().recency());
    }

    /**
     * Adds {@code weight} × the page's recency (½ today, ⅓ a year ago, ⅕ two years ago) to its score: enough to
     * order pages that the words rank (nearly) alike, never a relevant page below an irrelevant one.
     */
    private static final class Recency extends QueryRescorer {

        private final float weight;

        Recency(Query recency, float weight) {
            super(recency);
            this.weight = weight;
        }

        @Override
        protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
            return firstPassScore + (secondPassMatches ? weight * secondPassScore : 0);
        }
    }

    /**
     * What the words match in a language's fields (for counting, not ranking): every word in every field a clause
     * of one disjunction; null when no word is searchable.
     */
    private Query matches(SearchTerms terms, String text, String language) throws IOException {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        addWords(any, text, language);
        BooleanQuery words = any.build();
        return words.clauses().isEmpty() ? null : terms.shared(words);
    }

    /** Adds each word of each of a language's fields as a clause of {@code any}. */
    private void addWords(BooleanQuery.Builder any, String text, String language) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        for (String field : FIELDS) {
            Query q = builder.createBooleanQuery(Fields.of(field, language), text, Occur.SHOULD);
            if (q instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0
                    && b.clauses().stream().allMatch(c -> c.getOccur() == Occur.SHOULD)) {
                b.clauses().forEach(c -> any.add(c.getQuery(), Occur.SHOULD));
            } else if (q != null) {
                any.add(q, Occur.SHOULD);
            }
        }
    }

    /**
     * One pass over the matches in the requested language (its words matched in its own fields): their number,
     * kinds and tags. The other languages are counted apart ("also in other languages"), without their kinds and
     * tags: the doc values of their pages, two thirds of the matches, need not be read.
     */
    private static FacetCounts facets(IndexSearcher searcher, @Nullable Query matches) throws IOException {
        FacetCounts facets = new FacetCounts();
        if (matches != null) {
            searcher.search(matches, facets);
        }
        return facets;
    }

    /** Whether the words find any page in the request's language (with its kind and tag). */
    private boolean anyMatch(SearchTerms terms, String text, SearchIndex.Request q) throws IOException {
        IndexSearcher searcher = terms.searcher();
        Query words = matches(terms, text, q.language());
        if (words == null) {
            return false;
        }
        Query query = q.kind() == null && q.tag() == null ? words : filtered(words, q);
        return searcher.search(query, new TopScoreDocCollectorManager(1, null, 1)).totalHits.value > 0;
    }

    private static long total(IndexSearcher searcher, Query matches, FacetCounts facets, SearchIndex.Request q)
            throws IOException {
        if (matches == null) {
            return 0;
        }
        return q.kind() == null && q.tag() == null ? facets.total() : searcher.count(filtered(matches, q));
    }

    /** A query of 10,000 characters is searched by its first words; Lucene caps a query's clauses anyway. */
    private static String limitWords(String text) {
        String[] words = SPACES.split(text.strip(), MAX_WORDS + 1);
        return words.length <= MAX_WORDS ? text.strip() : String.join(" ", java.util.Arrays.copyOf(words, MAX_WORDS));
    }

    private static Query filtered(Query matches, SearchIndex.Request q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(matches, Occur.MUST)
                .add(new TermQuery(new Term(Fields.LANGUAGE, q.language())), Occur.FILTER);
        if (q.kind() != null) {
            b.add(new TermQuery(new Term(Fields.KIND, q.kind())), Occur.FILTER);
        }
        if (q.tag() != null) {
            b.add(new TermQuery(new Term(Fields.TAG, q.tag())), Occur.FILTER);
        }
        return b.build();
    }

    private List<Hit> hits(IndexSearcher searcher, ScoreDoc[] docs, String text, String language) throws IOException {
        if (docs.length == 0) {
            return List.of();
        }
        String summary = Fields.of(Fields.SUMMARY_TEXT, language);
        String body = Fields.of(Fields.BODY_TEXT, language);
        // Each hit's stored fields are read once, for the hit and for its snippets.
        // One reader for them all, in document order: it keeps the block it decompressed for the next page.
        Map<Integer, Document> stored = new java.util.HashMap<>();
        StoredFields reader = searcher.storedFields();
        for (int id : java.util.Arrays.stream(docs).mapToInt(d -> d.doc).sorted().toArray()) {
            stored.put(id, reader.document(id));
        }
        UnifiedHighlighter highlighter = new UnifiedHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxNoHighlightPassages(0)
                .withScorer(PASSAGES)
                .withBreakIterator(SentenceBreaks::new)
                // The highlight query is single terms: their offsets are read term by term, without building a
                // query weight for each page and field.
                .withWeightMatches(false)) {
            @Override
            protected org.apache.lucene.search.uhighlight.FieldOffsetStrategy getOffsetStrategy(
                    OffsetSource source, org.apache.lucene.search.uhighlight.UHComponents components) {
                // Each term looked up once a segment for all the hits, not once a hit (HitPostings).
                return source == OffsetSource.POSTINGS ? new HitPostings(components)
                        : super.getOffsetStrategy(source, components);
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator ids, int cacheChars)
                    throws IOException {
                List<CharSequence[]> values = new ArrayList<>();
                for (int id = ids.nextDoc(); id != DocIdSetIterator.NO_MORE_DOCS; id = ids.nextDoc()) {
                    Document doc = stored.get(id);
                    CharSequence[] of = new CharSequence[fields.length];
                    for (int f = 0; f < fields.length; f++) {
                        of[f] = doc.get(fields[f]) == null ? "" : doc.get(fields[f]);
                    }
                    values.add(of);
                }
                return values;
            }
        };
        int[] ids = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            ids[i] = docs[i].doc;
        }
        Map<String, String[]> snippets = highlighter.highlightFields(new String[] {summary, body},
                highlightQuery(searcher.getIndexReader(), text, language), ids, new int[] {1, 2});
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            Document doc = stored.get(docs[i].doc);
            List<String> parts = new ArrayList<>();
            for (String s : new String[] {snippets.get(body)[i], snippets.get(summary)[i]}) {
                if (s != null && !s.isBlank() && parts.size() < 2 && !repeats(s, parts)) {
                    parts.add(s);
                }
            }
            if (parts.isEmpty()) {
                parts.add(escape(abbreviate(doc.get(summary) == null || doc.get(summary).isBlank()
                        ? doc.get(body) : doc.get(summary))));
            }
            hits.add(new Hit(doc.get(Fields.ID), doc.get(Fields.TITLE), doc.get(Fields.URL), doc.get(Fields.LANGUAGE),
                    doc.get(Fields.KIND), doc.get(Fields.DATE_TEXT), List.copyOf(parts), docs[i].score));
        }
        return hits;
    }

    /**
     * Whether a snippet says what one before it says: the same text, or a part of it (a body whose first paragraph
     * is the summary gives the summary's passage twice). Compared without the marks, ellipses and spacing.
     */
    static boolean repeats(String snippet, List<String> before) {
        String text = plain(snippet);
        return before.stream().map(LuceneSearchIndex::plain)
                .anyMatch(b -> b.contains(text) || text.contains(b));
    }

    /** Without marks, with ellipses as spaces and runs of spacing as one space; in one pass, for every hit. */
    private static String plain(String snippet) {
        StringBuilder out = new StringBuilder(snippet.length());
        boolean space = false;
        for (int i = 0; i < snippet.length(); i++) {
            char c = snippet.charAt(i);
            if (snippet.startsWith("<mark>", i) || snippet.startsWith("</mark>", i)) {
                i = snippet.indexOf('>', i);
            } else if (c == '…' || Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /**
     * What to mark in snippets: the stems of the words, and the indexed words starting like one of them, so that
     * "kotoutumisen" marks "kotoutumista" too. The prefixes are expanded into terms here, as a prefix query
     * would make the highlighter analyse every snippet's text again instead of reading offsets from the index.
     */
    private Query highlightQuery(IndexReader reader, String text, String language) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        QueryBuilder builder = new QueryBuilder(analyzer);
        for (String field : List.of(Fields.of(Fields.SUMMARY_TEXT, language), Fields.of(Fields.BODY_TEXT, language))) {
            Query stems = builder.createBooleanQuery(field, text, Occur.SHOULD);
            if (stems != null) {
                b.add(stems, Occur.SHOULD);
            }
            Terms terms = MultiTerms.getTerms(reader, field);
            if (terms == null) {
                continue;
            }
            for (String word : Analysis.words(text).stream().limit(MAX_MARKED_WORDS).toList()) {
                if (word.length() < 4) {
                    continue;
                }
                BytesRef prefix = new BytesRef(word.substring(0, Math.min(word.length(), LooseFilter.PREFIX)));
                TermsEnum e = terms.iterator();
                if (e.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
                    continue;
                }
                int n = 0;
                for (BytesRef t = e.term(); t != null && n < MAX_MARKED_FORMS && org.apache.lucene.util.StringHelper.startsWith(t, prefix);
                     t = e.next(), n++) {
                    b.add(new TermQuery(new Term(field, BytesRef.deepCopyOf(t))), Occur.SHOULD);
                }
            }
        }
        return b.build();
    }

    /** The query with each word the site does not have replaced by the nearest one it has; null if none. */
    private String spellingOf(SearchTerms terms, String text, String language) throws IOException {
        IndexReader reader = terms.searcher().getIndexReader();
        String field = Fields.of(Fields.WORDS, language);
        List<String> words = Analysis.words(text);
        boolean changed = false;
        List<String> out = new ArrayList<>();
        for (String word : words) {
            String fixed = word;
            if (word.length() >= 4 && terms.docFreq(new Term(field, word)) == 0) {
                SuggestWord[] best = oneEdit.suggestSimilar(new Term(field, word), 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                if (best.length == 0) {
                    best = twoEdits.suggestSimilar(new Term(field, word), 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                }
                if (best.length > 0) {
                    fixed = best[0].string;
                    changed = true;
                }
            }
            out.add(fixed);
        }
        return changed ? String.join(" ", out) : null;
    }

    @Override
    public List<String> suggest(String text, String language, int limit) {
        List<String> words = Analysis.words(text);
        if (words.isEmpty() || !Character.isLetterOrDigit(text.charAt(text.length() - 1))) {
            return List.of();
        }
        String last = words.get(words.size() - 1);
        String before = String.join(" ", words.subList(0, words.size() - 1));
        if (last.length() < 2) {
            return List.of();
        }
        Open index = acquire();
        if (index == null) {
            return List.of();
        }
        IndexSearcher searcher = null;
        try {
            searcher = index.manager().acquire();
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), Fields.of(Fields.WORDS, language));
            if (terms == null) {
                return List.of();
            }
            record Candidate(String word, int docs) {
            }
            List<Candidate> candidates = new ArrayList<>();
            TermsEnum e = terms.iterator();
            BytesRef prefix = new BytesRef(last);
            if (e.seekCeil(prefix) != TermsEnum.SeekStatus.END) {
                for (BytesRef t = e.term(); t != null && candidates.size() < 2000
                        && org.apache.lucene.util.StringHelper.startsWith(t, prefix); t = e.next()) {
                    candidates.add(new Candidate(t.utf8ToString(), e.docFreq()));
                }
            }
            return candidates.stream()
                    .sorted(Comparator.comparingInt(Candidate::docs).reversed().thenComparing(Candidate::word))
                    .limit(limit)
                    .map(c -> before.isEmpty() ? c.word() : before + " " + c.word())
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            release(index, searcher);
        }
    }

    /** Gives back a searcher of {@code index} and the reference {@link #acquire} took. */
    private static void release(Open index, IndexSearcher searcher) {
        try {
            if (searcher != null) {
                index.manager().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release();
        }
    }

    /**
     * The open index, reopened when it was committed to or swapped since the last look, with a reference taken
     * for the caller: a swap only drops the index's own reference, and the last search to release it closes it.
     * Null when there is no index to search.
     */
    private synchronized Open acquire() {
        long now = System.nanoTime() / 1_000_000;
        if (open == null || now - checked >= CHECK_MILLIS) {
            checked = now;
            look();
        }
        if (open != null) {
            open.take();
        }
        return open;
    }

    /**
     * Refreshes the open index, or moves to the one {@code current} now names. A new index that cannot be opened
     * (missing, half copied, corrupt) leaves the old one serving and is reported by {@link #health} until the
     * next look opens it or another one.
     */
    private void look() {
        Path live = null;
        try {
            live = IndexFiles.live(search).orElse(null);
            if (live == null && open == null) {
                failed = null;
                return;
            }
            if (live != null && open != null && open.dir().equals(live)) {
                open.manager().maybeRefresh();
                failed = null;
                return;
            }
            if (live == null) {
                throw new NoSuchFileException(search.toString(), null, "no index");
            }
            Open opened = Open.of(live, ranking.similarity());
            Open previous = open;
            open = opened;
            failed = null;
            if (previous != null) {
                previous.release();
            }
        } catch (IOException | UncheckedIOException e) {
            Failure failure = new Failure(live == null ? search : live, e.toString());
            if (!failure.equals(failed)) {
                LOG.warn("cannot open the search index {}: {}; {}", failure.index(), failure.reason(),
                        open == null ? "nothing to search" : "still searching " + open.dir());
            }
            failed = failure;
        }
    }

    /** Looks for a new index at the next search instead of up to {@value #CHECK_MILLIS} ms later. */
    public synchronized void refreshSoon() {
        checked = Long.MIN_VALUE / 2;
    }

    /**
     * The index searched, and whether the newest one could not be opened (with why). A failure is seen at a
     * search's look for a new index, so this looks too.
     */
    public synchronized Health health() {
        long now = System.nanoTime() / 1_000_000;
        if (now - checked >= CHECK_MILLIS) {
            checked = now;
            look();
        }
        return new Health(open == null ? null : open.dir(), failed == null ? null : failed.index(),
                failed == null ? null : failed.reason());
    }

    /** {@code serving} is null when there is no index; {@code failed} and {@code reason} when opening one failed. */
    public record Health(@Nullable Path serving,
                         @Nullable Path failed,
                         @Nullable String reason) {
    }

    @Override
    public synchronized void close() {
        if (open != null) {
            open.release();
            open = null;
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 240 ? s : s.substring(0, s.lastIndexOf(' ', 240) > 0 ? s.lastIndexOf(' ', 240) : 240) + " …";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
