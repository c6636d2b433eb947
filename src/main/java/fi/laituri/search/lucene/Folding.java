package fi.laituri.search.lucene;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ArrayUtil;

import java.io.IOException;

/**
 * Lucene's ASCII folding ("järjestö" → "jarjesto"), each character's folding looked up in a table.
 *
 * <p>{@link ASCIIFoldingFilter#foldToASCII(char[], int, char[], int, int)} is one switch over some 3,000
 * characters: 14,000 bytes of bytecode, more than the JIT compiles ({@code -XX:-DontCompileHugeMethods}), so it
 * always runs in the interpreter. A full build folds every Finnish and Swedish word that has an ä, ö or å in it,
 * and that method was 8 % of the search index's CPU. It folds each character on its own, so asking it once per
 * character and remembering the answer gives the same text.
 */
final class Folding {

    /** What a character folds to; {@link #SAME} for itself, null until first asked. */
    private static final String[] TABLE = new String[Character.MAX_VALUE + 1];
    private static final String SAME = new String("same");

    private Folding() {
    }

    /** What {@code c} folds to (1-4 characters), or null when it folds to itself. */
    static String of(char c) {
        if (c < '\u0080') {
            return null;
        }
        String folded = TABLE[c];
        if (folded == null) {
            // Threads may race to fill an entry: the strings are immutable and equal, so either may stay.
            char[] out = new char[4];
            int n = ASCIIFoldingFilter.foldToASCII(new char[]{c}, 0, out, 0, 1);
            folded = n == 1 && out[0] == c ? SAME : new String(out, 0, n);
            TABLE[c] = folded;
        }
        return folded == SAME ? null : folded;
    }

    /** {@code text} folded, as {@link ASCIIFoldingFilter#foldToASCII} folds it. */
    static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String folded = of(text.charAt(i));
            if (folded != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (folded == null) {
                    out.append(text.charAt(i));
                } else {
                    out.append(folded);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@link ASCIIFoldingFilter} (without the original kept), by the table. */
    static final class Filter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] out = new char[64];

        Filter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] in = term.buffer();
            int length = term.length();
            for (int i = 0; i < length; i++) {
                if (in[i] >= '\u0080') {
                    fold(in, i, length);
                    break;
                }
            }
            return true;
        }

        /** Folds the term from {@code from}, its first character at or above U+0080. */
        private void fold(char[] in, int from, int length) {
            if (out.length < length * 4) {
                out = new char[ArrayUtil.oversize(length * 4, Character.BYTES)];
            }
            System.arraycopy(in, 0, out, 0, from);
            int n = from;
            for (int i = from; i < length; i++) {
                String folded = of(in[i]);
                if (folded == null) {
                    out[n++] = in[i];
                } else {
                    folded.getChars(0, folded.length(), out, n);
                    n += folded.length();
                }
            }
            term.copyBuffer(out, 0, n);
        }
    }
}
