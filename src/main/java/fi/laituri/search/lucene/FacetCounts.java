package fi.laituri.search.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the matches by language, and those in one language by kind and by tag, from doc values: per segment
 * by ordinal, turned into names once per segment, so a query matching thousands of pages costs a few array
 * increments each.
 */
final class FacetCounts extends SimpleCollector {

    private final String language;
    private final Map<String, Long> languages = new TreeMap<>();
    private final Map<String, Long> kinds = new TreeMap<>();
    private final Map<String, Long> tags = new TreeMap<>();
    private SortedDocValues languageValues;
    private SortedDocValues kindValues;
    private SortedSetDocValues tagValues;
    private int languageOrd = -1;
    private long[] languageCounts = new long[0];
    private long[] kindCounts = new long[0];
    private long[] tagCounts = new long[0];

    /** {@code language}: the one whose kinds and tags are counted. */
    FacetCounts(String language) {
        this.language = language;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flush();
        languageValues = DocValues.getSorted(context.reader(), Fields.LANGUAGE);
        languageOrd = languageValues.lookupTerm(new org.apache.lucene.util.BytesRef(language));
        languageCounts = new long[languageValues.getValueCount()];
        kindValues = DocValues.getSorted(context.reader(), Fields.KIND);
        tagValues = DocValues.getSortedSet(context.reader(), Fields.TAG);
        kindCounts = new long[kindValues.getValueCount()];
        tagCounts = new long[(int) tagValues.getValueCount()];
    }

    @Override
    public void collect(int doc) throws IOException {
        if (!languageValues.advanceExact(doc)) {
            return;
        }
        int ord = languageValues.ordValue();
        languageCounts[ord]++;
        if (ord != languageOrd) {
            return;
        }
        if (kindValues.advanceExact(doc)) {
            kindCounts[kindValues.ordValue()]++;
        }
        if (tagValues.advanceExact(doc)) {
            for (int i = 0; i < tagValues.docValueCount(); i++) {
                tagCounts[(int) tagValues.nextOrd()]++;
            }
        }
    }

    private void flush() throws IOException {
        for (int ord = 0; ord < languageCounts.length; ord++) {
            if (languageCounts[ord] > 0) {
                languages.merge(languageValues.lookupOrd(ord).utf8ToString(), languageCounts[ord], Long::sum);
            }
        }
        languageCounts = new long[0];
        for (int ord = 0; ord < kindCounts.length; ord++) {
            if (kindCounts[ord] > 0) {
                kinds.merge(kindValues.lookupOrd(ord).utf8ToString(), kindCounts[ord], Long::sum);
            }
        }
        for (int ord = 0; ord < tagCounts.length; ord++) {
            if (tagCounts[ord] > 0) {
                tags.merge(tagValues.lookupOrd(ord).utf8ToString(), tagCounts[ord], Long::sum);
            }
        }
        kindCounts = new long[0];
        tagCounts = new long[0];
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Matches by language, all of them. */
    Map<String, Long> languages() throws IOException {
        flush();
        return Map.copyOf(languages);
    }

    Map<String, Long> kinds() throws IOException {
        flush();
        return byCount(kinds, Integer.MAX_VALUE);
    }

    /** The {@code limit} most frequent tags, most frequent first. */
    Map<String, Long> tags(int limit) throws IOException {
        flush();
        return byCount(tags, limit);
    }

    private static Map<String, Long> byCount(Map<String, Long> counts, int limit) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
