package fi.laituri.search.lucene;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HitPostingsTest {

    private static final String[] WORDS = {"kotoutuminen", "kotoutumisen", "kunta", "kunnan", "järjestö", "järjestöjen",
            "hanke", "rahoitus", "ohjelma", "kumppanuus", "alue", "tuki"};

    @Test
    void snippetsFromPostingsAdvancedHitToHitAreLuceneOwnOnEveryHitOfEverySegment() throws IOException {
        FieldType offsets = new FieldType();
        offsets.setStored(true);
        offsets.setTokenized(true);
        offsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        offsets.freeze();
        Random random = new Random(7);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            // No merges: three segments, so that hits fall in several and a term is missing from some.
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
                for (int segment = 0; segment < 3; segment++) {
                    for (int d = 0; d < 60; d++) {
                        StringBuilder text = new StringBuilder();
                        int words = 20 + random.nextInt(60);
                        for (int w = 0; w < words; w++) {
                            // The last two words only in the last segment.
                            int bound = segment == 2 ? WORDS.length : WORDS.length - 2;
                            text.append(WORDS[random.nextInt(bound)]).append(w % 9 == 8 ? ". " : " ");
                        }
                        Document doc = new Document();
                        doc.add(new Field("body", text.toString(), offsets));
                        writer.addDocument(doc);
                    }
                    writer.commit();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertEquals(3, reader.leaves().size());
                IndexSearcher searcher = new IndexSearcher(reader);
                Query query = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("body", "kunnan")), Occur.SHOULD)
                        .add(new TermQuery(new Term("body", "rahoitus")), Occur.SHOULD)
                        .add(new TermQuery(new Term("body", "tuki")), Occur.SHOULD)
                        .add(new TermQuery(new Term("body", "puuttuu")), Occur.SHOULD).build();
                // Hits in no order, across all three segments, several in each.
                int[] hits = {150, 3, 77, 4, 119, 60, 179, 5, 121, 61, 0, 178};
                String[] lucene = highlighter(searcher, false).highlightFields(new String[] {"body"}, query,
                        hits.clone(), new int[] {3}).get("body");
                String[] ours = highlighter(searcher, true).highlightFields(new String[] {"body"}, query,
                        hits.clone(), new int[] {3}).get("body");
                assertArrayEquals(lucene, ours);
                long marked = java.util.Arrays.stream(ours).filter(s -> s != null && s.contains("<b>tuki</b>")).count();
                assertTrue(marked > 0, "the snippets mark the words: " + String.join(" | ", ours));
                Map<String, String[]> both = highlighter(searcher, true).highlightFields(new String[] {"body"}, query,
                        new int[] {179, 178}, new int[] {2});
                assertArrayEquals(highlighter(searcher, false).highlightFields(new String[] {"body"}, query,
                        new int[] {179, 178}, new int[] {2}).get("body"), both.get("body"));
            }
        }
    }

    private static UnifiedHighlighter highlighter(IndexSearcher searcher, boolean hitPostings) {
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, new StandardAnalyzer())
                .withWeightMatches(false);
        return new UnifiedHighlighter(builder) {
            @Override
            protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
                assertEquals(OffsetSource.POSTINGS, source);
                return hitPostings ? new HitPostings(components) : super.getOffsetStrategy(source, components);
            }
        };
    }
}
