package fi.laituri.search.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The candidates' scores by the words in full ({@link Ranking.Queries#full}), computed from its parts. Lucene
 * would score the full query as one disjunction whose all-words clause scores every word a second time, and
 * advance all of its clauses, the conjunction's included, to each candidate. Here each word's query and each
 * proximity query has one weight (its terms' statistics gathered once) and one scorer a segment, advanced
 * through the candidates in document order; the all-words share is {@link Ranking.Queries#allWords} × the
 * words' sum, added when every word matched. The scores are the full query's (to the last bit or two of a
 * float, as Lucene sums a disjunction in no fixed order).
 */
final class FullScores {

    private FullScores() {
    }

    /**
     * The best {@code n} of {@code candidates} by the full ranking, best first, a tie by document order, as
     * {@link org.apache.lucene.search.QueryRescorer} orders them; a candidate no part matches scores 0.
     */
    static TopDocs rescore(IndexSearcher searcher, Ranking.Queries queries, TopDocs candidates, int n)
            throws IOException {
        ScoreDoc[] docs = new ScoreDoc[candidates.scoreDocs.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new ScoreDoc(candidates.scoreDocs[i].doc, 0);
        }
        Arrays.sort(docs, (a, b) -> Integer.compare(a.doc, b.doc));
        int words = queries.words().size();
        List<Weight> weights = new ArrayList<>();
        for (Query part : queries.words()) {
            weights.add(searcher.createWeight(searcher.rewrite(part), ScoreMode.COMPLETE, 1f));
        }
        for (Query part : queries.near()) {
            weights.add(searcher.createWeight(searcher.rewrite(part), ScoreMode.COMPLETE, 1f));
        }
        double[] wordSums = new double[docs.length];
        double[] nearSums = new double[docs.length];
        int[] wordsMatched = new int[docs.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (int from = 0; from < docs.length; ) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[from].doc, leaves));
            int to = from;
            while (to < docs.length && docs[to].doc < leaf.docBase + leaf.reader().maxDoc()) {
                to++;
            }
            for (int w = 0; w < weights.size(); w++) {
                Scorer scorer = weights.get(w).scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
                DocIdSetIterator approximation = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
                for (int d = from; d < to; d++) {
                    int target = docs[d].doc - leaf.docBase;
                    int at = approximation.docID() < target ? approximation.advance(target) : approximation.docID();
                    if (at == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    if (at == target && (twoPhase == null || twoPhase.matches())) {
                        if (w < words) {
                            wordSums[d] += scorer.score();
                            wordsMatched[d]++;
                        } else {
                            nearSums[d] += scorer.score();
                        }
                    }
                }
            }
            from = to;
        }
        for (int d = 0; d < docs.length; d++) {
            double all = queries.allWords() > 0 && wordsMatched[d] == words
                    ? (float) (queries.allWords() * (float) wordSums[d]) : 0;
            docs[d].score = (float) (wordSums[d] + all + nearSums[d]);
        }
        Arrays.sort(docs, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new TopDocs(candidates.totalHits, Arrays.copyOf(docs, Math.min(n, docs.length)));
    }
}
