package fi.laituri.search.lucene;

import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Finnish and Swedish inflect and compound words; this filter makes both matchable without a morphological
 * dictionary. Each word becomes its first {@value #PREFIX} letters, so "kotoutuminen", "kotoutumisen" and
 * "kotoutumista" (three Snowball stems) all become {@code kotout}, and "järjestöjen" meets "järjestö".
 *
 * <p>At index time a long word also yields the parts of it that start a word of the site's own vocabulary
 * ({@code parts}: the {@value #PREFIX}-letter starts of every word written on its own somewhere), at the same
 * position: "kotoutumiskoulutuksen" yields {@code kotout} and {@code koulut}, so a search for "koulutus"
 * finds it, and "integrationsutbildning" yields {@code utbild}. At query time ({@code parts} null) a word is
 * only its start, so a compound query does not fall apart into its parts.
 */
final class LooseFilter extends TokenFilter {

    static final int PREFIX = 6;
    /** A compound's first part has at least this many letters ("työ" and "maa" are too short to tell). */
    static final int MIN_HEAD = 4;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    /** The parts, looked up in the term's own characters: a long word has a part to try at each of its letters. */
    private final CharArraySet parts;
    private final Deque<String> pending = new ArrayDeque<>();
    /**
     * The parts found in each long word so far: a site says its compounds again and again. Forgotten as the stems of
     * {@link StemFilter} are, and with the filter.
     */
    private final CharArrayMap<String[]> partsOf = new CharArrayMap<>(256, false);

    /** {@code parts} as {@link #lookup} made them (once per analyzer), or null at query time. */
    LooseFilter(TokenStream input, CharArraySet parts) {
        super(input);
        this.parts = parts;
    }

    /** The parts as the filter looks them up. */
    static CharArraySet lookup(Set<String> parts) {
        return CharArraySet.unmodifiableSet(new CharArraySet(parts, false));
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            term.setEmpty().append(pending.poll());
            position.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        int length = term.length();
        if (parts != null && length >= MIN_HEAD + PREFIX) {
            char[] word = term.buffer();
            String[] found = partsOf.get(word, 0, length);
            if (found == null) {
                found = partsOf(word, length);
                if (partsOf.size() >= StemFilter.MAX_REMEMBERED) {
                    partsOf.clear();
                }
                partsOf.put(java.util.Arrays.copyOf(word, length), found);
            }
            java.util.Collections.addAll(pending, found);
        }
        if (length > PREFIX) {
            term.setLength(PREFIX);
        }
        return true;
    }

    /** The parts in a long word, each once, in order: looked up at each of its letters. */
    private String[] partsOf(char[] word, int length) {
        java.util.List<String> found = new java.util.ArrayList<>(2);
        for (int i = MIN_HEAD; i + PREFIX <= length; i++) {
            if (parts.contains(word, i, PREFIX) && !java.util.Arrays.equals(word, i, i + PREFIX, word, 0, PREFIX)) {
                String part = new String(word, i, PREFIX);
                if (!found.contains(part)) {
                    found.add(part);
                }
            }
        }
        return found.toArray(String[]::new);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
    }

    /** The part a word contributes to the vocabulary of compound parts. */
    static String start(String word) {
        return word.length() >= PREFIX ? word.substring(0, PREFIX) : null;
    }
}
