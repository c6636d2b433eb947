package fi.laituri.search.lucene;

import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The terms of one search, each looked up in the term dictionary of every segment once. A search asks for the
 * same term several times: its frequency to weigh the word ({@link Ranking}), then a weight for the first pass,
 * one for the full ranking and one for the facet counts, each of which would look it up again. A
 * {@link TermQuery} made here carries what was looked up, so Lucene uses it instead. For one searcher, on one
 * thread.
 */
final class SearchTerms {

    private final IndexSearcher searcher;
    private final Map<Term, TermStates> looked = new HashMap<>();
    /** Per field, a term dictionary reader for each segment, moved from term to term. */
    private final Map<String, TermsEnum[]> dictionaries = new HashMap<>();

    SearchTerms(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    IndexSearcher searcher() {
        return searcher;
    }

    /** The pages that have the term (as {@link org.apache.lucene.index.IndexReader#docFreq}). */
    int docFreq(Term term) throws IOException {
        return states(term).docFreq();
    }

    /** A query of the term that Lucene need not look up again. */
    TermQuery query(Term term) throws IOException {
        return new TermQuery(term, states(term));
    }

    /** {@code query} with its term queries (in boolean and boost queries) made by {@link #query(Term)}. */
    Query shared(Query query) throws IOException {
        if (query instanceof TermQuery t) {
            return query(t.getTerm());
        }
        if (query instanceof BoostQuery b) {
            return new BoostQuery(shared(b.getQuery()), b.getBoost());
        }
        if (query instanceof BooleanQuery b) {
            BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            for (BooleanClause c : b.clauses()) {
                out.add(shared(c.getQuery()), c.getOccur());
            }
            return out.build();
        }
        return query;
    }

    private TermStates states(Term term) throws IOException {
        TermStates states = looked.get(term);
        if (states == null) {
            // As TermStates.build with statistics, but with one dictionary reader a segment and field for all the
            // search's terms: a new reader for each term (and its frames for the seek) was a tenth of the bytes
            // a search allocated.
            IndexReaderContext top = searcher.getTopReaderContext();
            states = new TermStates(top);
            TermsEnum[] byLeaf = dictionaries.computeIfAbsent(term.field(), f -> new TermsEnum[top.leaves().size()]);
            for (LeafReaderContext leaf : top.leaves()) {
                TermsEnum dictionary = byLeaf[leaf.ord];
                if (dictionary == null) {
                    Terms terms = leaf.reader().terms(term.field());
                    if (terms == null) {
                        continue;
                    }
                    dictionary = byLeaf[leaf.ord] = terms.iterator();
                }
                if (dictionary.seekExact(term.bytes())) {
                    states.register(dictionary.termState(), leaf.ord, dictionary.docFreq(), dictionary.totalTermFreq());
                }
            }
            looked.put(term, states);
        }
        return states;
    }
}
