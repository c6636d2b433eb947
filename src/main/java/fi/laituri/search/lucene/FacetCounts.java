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
 * Counts the matches of one language (a query over its own fields, which only its pages have), in all and by
 * kind and by tag, from doc values: per segment by ordinal, turned into names once per segment, so a query
 * matching thousands of pages costs a few array increments each.
 */
final class FacetCounts extends SimpleCollector {

    private final Map<String, Long> kinds = new TreeMap<>();
    private final Map<String, Long> tags = new TreeMap<>();
    private SortedDocValues kindValues;
    private SortedSetDocValues tagValues;
    private long total;
    private long[] kindCounts = new long[0];
    private long[] tagCounts = new long[0];

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flush();
        kindValues = DocValues.getSorted(context.reader(), Fields.KIND);
        tagValues = DocValues.getSortedSet(context.reader(), Fields.TAG);
        kindCounts = new long[kindValues.getValueCount()];
        tagCounts = new long[(int) tagValues.getValueCount()];
    }

    @Override
    public void collect(int doc) throws IOException {
        total++;
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

    /** The pages matched. */
    long total() {
        return total;
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
