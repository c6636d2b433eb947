package fi.laituri.search.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A text's tokens as every chain starts them (the standard tokenizer, lower case), taken once and then played to
 * each field that indexes the text. A page's body is in its stemmed, its loose and its words field, and its title
 * in five: tokenizing the same text for each was a fifth of the search index's CPU in a full build.
 *
 * <p>Each token notes whether it is a stop word of the text's language, so that the stemmed and loose chains skip
 * it as their {@link org.apache.lucene.analysis.StopFilter} would, its position going to the next token.
 */
final class Tokens {

    /** Per token: where its characters start in {@link #chars}, its length, offsets and position increment. */
    private static final int START = 0;
    private static final int LENGTH = 1;
    private static final int FROM = 2;
    private static final int TO = 3;
    private static final int POSITION = 4;
    private static final int WIDTH = 5;

    private char[] chars;
    private int used;
    private int[] tokens;
    private boolean[] stops;
    private int count;
    private int endOffset;
    private int endPosition;

    private Tokens(int length) {
        chars = new char[Math.max(16, length)];
        tokens = new int[WIDTH * Math.max(4, length / 6)];
        stops = new boolean[tokens.length / WIDTH];
    }

    /** The tokens of {@code text} as {@code start} (a tokenizer and lower case) makes them, stop words marked. */
    static Tokens of(Analyzer start, String text, CharArraySet stopWords) {
        Tokens out = new Tokens(text.length());
        try (TokenStream stream = start.tokenStream(Fields.WORDS, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.buffer(), term.length(), offset.startOffset(), offset.endOffset(),
                        position.getPositionIncrement(), stopWords.contains(term.buffer(), 0, term.length()));
            }
            stream.end();
            out.endOffset = offset.endOffset();
            out.endPosition = position.getPositionIncrement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void add(char[] term, int length, int from, int to, int position, boolean stop) {
        if (used + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
        }
        System.arraycopy(term, 0, chars, used, length);
        if (WIDTH * (count + 1) > tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
            stops = Arrays.copyOf(stops, tokens.length / WIDTH);
        }
        int at = WIDTH * count;
        tokens[at + START] = used;
        tokens[at + LENGTH] = length;
        tokens[at + FROM] = from;
        tokens[at + TO] = to;
        tokens[at + POSITION] = position;
        stops[count++] = stop;
        used += length;
    }

    /**
     * Plays tokens again, as the start of a chain: one per chain and thread, given the tokens of the field at hand
     * with {@link #of(Tokens)} before the indexer reads it.
     */
    static final class Replay extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final boolean skipStops;
        private Tokens tokens;
        private int next;
        /** Positions of the stop words skipped after the last token, which {@link #end} adds as StopFilter does. */
        private int skipped;

        Replay(boolean skipStops) {
            this.skipStops = skipStops;
        }

        Replay of(Tokens tokens) {
            this.tokens = tokens;
            return this;
        }

        @Override
        public boolean incrementToken() {
            clearAttributes();
            int skippedPositions = 0;
            int[] t = tokens.tokens;
            while (next < tokens.count) {
                int i = next++;
                int at = WIDTH * i;
                if (skipStops && tokens.stops[i]) {
                    skippedPositions += t[at + POSITION];
                    continue;
                }
                term.copyBuffer(tokens.chars, t[at + START], t[at + LENGTH]);
                offset.setOffset(t[at + FROM], t[at + TO]);
                position.setPositionIncrement(t[at + POSITION] + skippedPositions);
                return true;
            }
            skipped = skippedPositions;
            return false;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offset.setOffset(tokens.endOffset, tokens.endOffset);
            position.setPositionIncrement(tokens.endPosition + skipped);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
            skipped = 0;
        }
    }
}
