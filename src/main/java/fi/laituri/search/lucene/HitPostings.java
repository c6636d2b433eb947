package fi.laituri.search.lucene;

import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field's match offsets for the snippets of one page of hits, read from the postings as Lucene's
 * {@link PostingsOffsetStrategy} reads them, but with each term looked up once a segment and its postings
 * advanced from hit to hit, instead of a term dictionary look-up and a new postings reader for every term of the
 * highlight query (up to a dozen forms of each word) on every hit. The highlighter asks for the hits in document
 * order; a hit asked for out of that order gets postings of its own, so the offsets are the same either way.
 * One instance serves one highlighting call, on one thread.
 */
final class HitPostings extends PostingsOffsetStrategy {

    /** Per segment (its terms of this field): a term dictionary reader and each highlight term's postings. */
    private final Map<Terms, Segment> segments = new IdentityHashMap<>();

    HitPostings(UHComponents components) {
        super(components);
    }

    @Override
    protected void createOffsetsEnumsForTerms(BytesRef[] sourceTerms, Terms termsIndex, int doc,
                                              List<OffsetsEnum> results) throws IOException {
        Segment segment = segments.computeIfAbsent(termsIndex, t -> new Segment(t, sourceTerms.length));
        for (int i = 0; i < sourceTerms.length; i++) {
            PostingsEnum postings = segment.at(i, sourceTerms[i], doc);
            if (postings != null) {
                results.add(new OffsetsEnum.OfPostings(sourceTerms[i], postings));
            }
        }
    }

    private final class Segment {
        private final Terms terms;
        private final PostingsEnum[] postings;
        /** Whether term i was looked up; a term the segment lacks stays looked up with null postings. */
        private final boolean[] looked;
        /** The page term i was last asked for. */
        private final int[] asked;
        private TermsEnum dictionary;

        Segment(Terms terms, int n) {
            this.terms = terms;
            this.postings = new PostingsEnum[n];
            this.looked = new boolean[n];
            this.asked = new int[n];
        }

        /** Term i's postings positioned on {@code doc}, before its first position; null when it is not there. */
        PostingsEnum at(int i, BytesRef term, int doc) throws IOException {
            if (looked[i] && postings[i] == null) {
                return null;
            }
            // Postings asked for this page before, or a later one, cannot go back: a reader of their own.
            if (!looked[i] || doc <= asked[i]) {
                looked[i] = true;
                postings[i] = open(term);
                if (postings[i] == null) {
                    return null;
                }
            }
            asked[i] = doc;
            // Past this page already (they skipped it after an earlier one): the term is not on it.
            int at = postings[i].docID() < doc ? postings[i].advance(doc) : postings[i].docID();
            return at == doc ? postings[i] : null;
        }

        private PostingsEnum open(BytesRef term) throws IOException {
            if (dictionary == null) {
                dictionary = terms.iterator();
            }
            if (!dictionary.seekExact(term)) {
                return null;
            }
            PostingsEnum p = dictionary.postings(null, PostingsEnum.OFFSETS);
            if (p == null) {
                throw new IllegalArgumentException("field '" + getField() + "' was indexed without offsets, cannot highlight");
            }
            return p;
        }
    }
}
