package fi.laituri.search.lucene;

import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
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
            states = TermStates.build(searcher, term, true);
            looked.put(term, states);
        }
        return states;
    }
}
