package fi.laituri.search.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.StringHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * How the words of a query rank a language's pages. On a site where every page speaks of the same things, a
 * word's weight must be the page's, not its field's: "kotoutuminen" is common everywhere, even if few titles
 * have it, and a title repeating it three times is not three times about it. So, per word of the query:
 * <ul>
 *   <li>each field is scored with BM25 but weighed by the word's rarity among the language's pages (its idf over
 *       the field in which it is most common), so a common word weighs little in every field, and a rare one much
 *       even in the body;</li>
 *   <li>the word counts for the best of its fields ({@link DisjunctionMaxQuery}, with a small share of the others),
 *       not their sum; titles saturate fast ({@link Weights#titleK1}), so repeating a word in a title adds little;</li>
 *   <li>its loose form (word start, compound parts; see {@link LooseFilter}) is one of those fields, weighed less
 *       than the stems.</li>
 * </ul>
 * Then pages with every word of the query gain a share of their score ({@link Weights#allWords}), and pages with
 * the words next to each other (their word starts, so that any inflection counts) gain a proximity bonus.
 */
final class Ranking {

    /**
     * The parameters ({@code laituri.search.ranking.*}), measured on {@code RealSizeRelevanceTest}. Field weights
     * ({@code title} ... {@code loose}) multiply a word's score in that field; {@code tie} is the share of a word's
     * other fields added to its best; {@code allWords} the share of the words' score added to a page with all of
     * them; {@code phrase} the weight of the words' starts within {@code slop} positions of each other;
     * {@code titleK1} and {@code titleB} BM25's saturation and length normalisation of titles, {@code textB} that of
     * the other fields; {@code recency} the most that a page of today gains, as a share of the best score (a
     * tie-breaker); {@code tag} the weight of a tag that is a form of the word; {@code compound} that of a compound
     * matched by its parts; {@code pages} multiplies the score of the site's own pages (kind {@code page});
     * {@code candidates} is how many pages the first pass picks for the full ranking (per that many asked for).
     */
    record Weights(float title, float summary, float tags, float body, float authors, float titleLoose, float loose,
                   float tie, float allWords, float phrase, int slop, float titleK1, float titleB, float recency,
                   float tag, float compound, float pages, float textB, int candidates) {

        static final Weights DEFAULTS = new Weights(1.5f, 1.2f, 1.2f, 1f, 1f, 1f, 0.6f,
                0.1f, 0.5f, 0.5f, 3, 0.5f, 0.5f, 0.02f, 2f, 1f, 0.7f, 0.5f, 100);

        /** The most pages a first pass may be asked for: its window is held in memory for each search. */
        static final int MAX_CANDIDATES = 10_000;
    }

    /** The stem fields and the loose ones, each with its weight. */
    private final Map<String, Float> stems;
    private final Map<String, Float> loose;
    private final Analyzer analyzer;
    private final Weights weights;
    private final Similarity similarity;

    Ranking(Analyzer analyzer, Weights weights) {
        this.analyzer = analyzer;
        this.weights = weights;
        this.stems = Map.of(Fields.TITLE_TEXT, weights.title(), Fields.SUMMARY_TEXT, weights.summary(),
                Fields.TAGS_TEXT, weights.tags(), Fields.BODY_TEXT, weights.body(), Fields.AUTHORS_TEXT, weights.authors());
        this.loose = Map.of(Fields.TITLE_LOOSE, weights.titleLoose(), Fields.LOOSE, weights.loose());
        BM25Similarity titles = new BM25Similarity(weights.titleK1(), weights.titleB());
        BM25Similarity others = new BM25Similarity(1.2f, weights.textB());
        this.similarity = new PerFieldSimilarityWrapper() {
            @Override
            public Similarity get(String field) {
                String base = Fields.base(field);
                return base.equals(Fields.TITLE_TEXT) || base.equals(Fields.TITLE_LOOSE) ? titles : others;
            }
        };
    }

    Weights weights() {
        return weights;
    }

    /** BM25 per field: titles with {@link Weights#titleK1} and {@link Weights#titleB}, the rest k1 1.2 and {@link Weights#textB}. */
    Similarity similarity() {
        return similarity;
    }

    /**
     * The two passes of a ranking. {@code first} finds the candidates cheaply: each word's fields as one flat sum,
     * which Lucene ranks by skipping pages that cannot make the top. {@code full} ranks them: each word its best
     * field plus a share of the others, the all-words share and the proximity; it matches the same pages.
     * {@code full} is the sum of its parts, kept apart for {@link FullScores}: each word's query ({@code words}),
     * {@code allWords} × their sum when a page has every word, and the proximity queries ({@code near}).
     */
    record Queries(Query first, Query full, List<Query> words, float allWords, List<Query> near) {

        /** The same ranking of the pages that {@code filter} also matches (a kind, a tag). */
        Queries filtered(java.util.function.UnaryOperator<Query> filter) {
            return new Queries(filter.apply(first), filter.apply(full), words, allWords, near);
        }
    }

    /**
     * The queries of {@code words} in {@code language}'s fields, with proximity of {@code phrase} (the words as
     * written, or as corrected), each term looked up once in {@code terms}; null when no word is on the site.
     */
    Queries query(SearchTerms terms, String words, String phrase, String language) throws IOException {
        IndexSearcher searcher = terms.searcher();
        IndexReader reader = searcher.getIndexReader();
        long pages = Math.max(1, docCount(reader, Fields.of(Fields.BODY_TEXT, language)));
        List<Query> perWord = new ArrayList<>();
        BooleanQuery.Builder first = new BooleanQuery.Builder();
        for (String word : new LinkedHashSet<>(Analysis.words(words))) {
            List<Query> fields = word(terms, word, language, pages);
            if (!fields.isEmpty()) {
                perWord.add(new DisjunctionMaxQuery(fields, weights.tie()));
                fields.forEach(f -> first.add(f, Occur.SHOULD));
            }
        }
        if (perWord.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        perWord.forEach(q -> any.add(q, Occur.SHOULD));
        float allWords = perWord.size() > 1 ? weights.allWords() : 0;
        if (allWords > 0) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            perWord.forEach(q -> all.add(q, Occur.MUST));
            any.add(new BoostQuery(all.build(), allWords), Occur.SHOULD);
        }
        List<Query> nearby = new ArrayList<>();
        if (weights.phrase() > 0) {
            QueryBuilder builder = new QueryBuilder(analyzer);
            for (String field : List.of(Fields.LOOSE, Fields.TITLE_LOOSE)) {
                Query near = builder.createPhraseQuery(Fields.of(field, language), phrase, weights.slop());
                if (near != null && !(near instanceof TermQuery) && !(near instanceof BooleanQuery)) {
                    nearby.add(new BoostQuery(near, weights.phrase()));
                }
            }
        }
        nearby.forEach(q -> any.add(q, Occur.SHOULD));
        return new Queries(first.build(), any.build(), List.copyOf(perWord), allWords, List.copyOf(nearby));
    }

    /**
     * One word: each field where it occurs, weighed by the field's weight and by how rare the word is among the
     * pages; empty when no field has it.
     */
    private List<Query> word(SearchTerms terms, String word, String language, long pages) throws IOException {
        IndexReader reader = terms.searcher().getIndexReader();
        List<Query> fields = new ArrayList<>();
        addFields(fields, terms, stems, term(Fields.of(Fields.BODY_TEXT, language), word), language, pages);
        String start = term(Fields.of(Fields.LOOSE, language), word);
        addFields(fields, terms, loose, start, language, pages);
        if (start != null) {
            String looseField = Fields.of(Fields.LOOSE, language);
            double family = idf(terms.docFreq(new Term(looseField, start)), pages);
            addCompound(fields, terms, looseField, Analysis.fold(word), start, pages);
            addTags(fields, reader, word, language, family);
        }
        return fields;
    }

    /**
     * A compound word of the query ("järjestörahoitus") as the index has its compounds: its start and the parts
     * of it that start words of the site ({@code rahoit}) at one position, so that any inflection of the compound
     * ("järjestörahoituksella") matches, as precisely as a stem, and the compound does not fall apart into a match
     * of its commonest part. Weighed by its rarest part.
     */
    private void addCompound(List<Query> out, SearchTerms terms, String field, String folded, String start,
                             long pages) throws IOException {
        IndexSearcher searcher = terms.searcher();
        if (weights.compound() <= 0 || folded.length() < LooseFilter.MIN_HEAD + LooseFilter.PREFIX) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (int i = LooseFilter.MIN_HEAD; i + LooseFilter.PREFIX <= folded.length(); i++) {
            String part = folded.substring(i, i + LooseFilter.PREFIX);
            if (!part.equals(start) && !parts.contains(part) && terms.docFreq(new Term(field, part)) > 0) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        PhraseQuery.Builder compound = new PhraseQuery.Builder();
        compound.add(new Term(field, start), 0);
        double idfs = idf(terms.docFreq(new Term(field, start)), pages);
        for (String part : parts) {
            compound.add(new Term(field, part), 0);
            idfs += idf(terms.docFreq(new Term(field, part)), pages);
        }
        // Lucene weighs a phrase by the sum of its terms' idf; the compound is as rare as the pages that have it.
        PhraseQuery query = compound.build();
        int pagesWithIt = searcher.count(query);
        if (pagesWithIt > 0) {
            out.add(new BoostQuery(query, (float) (weights.compound() * idf(pagesWithIt, pages) / idfs)));
        }
    }

    /**
     * The tags of the language's pages that are a form of the word (they share all but the last few letters:
     * "kotoutumisen" and the tag "kotoutuminen", not "kumppanuusohjelma" and "kumppanuusbaro"): an editor's word
     * for what a page is about, weighed as {@link Weights#tag} × the rarity of the word's family.
     */
    private void addTags(List<Query> out, IndexReader reader, String word, String language, double family)
            throws IOException {
        Terms tags = MultiTerms.getTerms(reader, Fields.TAG);
        if (weights.tag() <= 0 || tags == null || word.length() < 3) {
            return;
        }
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        BytesRef prefix = new BytesRef(lower.substring(0, Math.min(lower.length(), 4)));
        TermsEnum e = tags.iterator();
        if (e.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
            return;
        }
        int seen = 0;
        int matched = 0;
        for (BytesRef t = e.term(); t != null && seen < MAX_TAGS && matched < MAX_MATCHED_TAGS
                && StringHelper.startsWith(t, prefix); t = e.next(), seen++) {
            String tag = t.utf8ToString().toLowerCase(java.util.Locale.ROOT);
            if (sameWord(tag, lower)) {
                matched++;
                Query tagged = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(Fields.TAG, BytesRef.deepCopyOf(t))), Occur.FILTER)
                        .add(new TermQuery(new Term(Fields.LANGUAGE, language)), Occur.FILTER).build();
                out.add(new BoostQuery(new ConstantScoreQuery(tagged), (float) (weights.tag() * family)));
            }
        }
    }

    /** Tags looked at for one word: enough for any site's tags that start alike. */
    private static final int MAX_TAGS = 50;
    /**
     * Tags matched by one word: a few forms of it at most, which keeps a query of 16 words (each also in the
     * all-words clause) well within Lucene's limit of 1,024 clauses.
     */
    private static final int MAX_MATCHED_TAGS = 3;

    /** Forms of one word: the same but for their last (up to three) letters, and at least their first five. */
    static boolean sameWord(String a, String b) {
        int common = 0;
        while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        int shorter = Math.min(a.length(), b.length());
        return common == a.length() && common == b.length()
                || common >= Math.min(5, shorter) && common >= shorter - 3 && Math.abs(a.length() - b.length()) <= 4;
    }

    private static void addFields(List<Query> out, SearchTerms terms, Map<String, Float> fields, String term,
                                  String language, long pages) throws IOException {
        IndexReader reader = terms.searcher().getIndexReader();
        if (term == null) {
            return;
        }
        record Found(String field, float weight, int docFreq, long docCount) {
        }
        List<Found> found = new ArrayList<>();
        int widest = 0;
        for (Map.Entry<String, Float> f : fields.entrySet()) {
            String field = Fields.of(f.getKey(), language);
            int docFreq = terms.docFreq(new Term(field, term));
            if (docFreq > 0 && f.getValue() > 0) {
                found.add(new Found(field, f.getValue(), docFreq, docCount(reader, field)));
                widest = Math.max(widest, docFreq);
            }
        }
        // The idf of the field where the word is most common stands for the word on the pages: each field's own
        // idf is divided out by the boost, and this one put in.
        double pageIdf = idf(widest, pages);
        for (Found f : found) {
            double fieldIdf = idf(f.docFreq(), Math.max(f.docCount(), f.docFreq()));
            out.add(new BoostQuery(terms.query(new Term(f.field(), term)), (float) (f.weight() * pageIdf / fieldIdf)));
        }
    }

    /** BM25's idf, as Lucene computes it. */
    private static double idf(long docFreq, long docCount) {
        return Math.log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));
    }

    private static long docCount(IndexReader reader, String field) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        return terms == null ? 0 : terms.getDocCount();
    }

    /** The one term the field's analysis makes of a word (its stem, or its start); null for a stop word. */
    private String term(String field, String word) {
        try (TokenStream stream = analyzer.tokenStream(field, word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String first = stream.incrementToken() ? term.toString() : null;
            stream.end();
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
