package fi.laituri.search.lucene;

import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.tartarus.snowball.SnowballStemmer;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@link SnowballFilter}, remembering the stem of each word it has stemmed. A site's text says the same words
 * again and again, and the Snowball stemmer was a sixth of the search index's CPU in a full build. For the
 * chains that index a build's pages, one per thread and language: the remembered stems are dropped when there are
 * {@value #MAX_REMEMBERED} of them, and with the chain when the build is done.
 */
final class StemFilter extends TokenFilter {

    static final int MAX_REMEMBERED = 50_000;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final SnowballStemmer stemmer;
    private final CharArrayMap<char[]> stems = new CharArrayMap<>(1024, false);

    StemFilter(TokenStream input, SnowballStemmer stemmer) {
        super(input);
        this.stemmer = stemmer;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        char[] buffer = term.buffer();
        int length = term.length();
        char[] stem = stems.get(buffer, 0, length);
        if (stem == null) {
            // The stemmer works in the buffer it is given: the word is copied first, as the key.
            char[] word = Arrays.copyOf(buffer, length);
            stemmer.setCurrent(buffer, length);
            stemmer.stem();
            stem = Arrays.copyOf(stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
            if (stems.size() >= MAX_REMEMBERED) {
                stems.clear();
            }
            stems.put(word, stem);
        }
        term.copyBuffer(stem, 0, stem.length);
        return true;
    }
}
