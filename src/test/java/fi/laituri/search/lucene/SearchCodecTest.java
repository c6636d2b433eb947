package fi.laituri.search.lucene;

import fi.laituri.FileTrees;
import fi.laituri.search.SearchDocument;
import fi.laituri.search.SearchIndex;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchCodecTest {

    private final Analysis analysis = new Analysis(Map.of("fi", "finnish"));

    @Test
    void theIndexIsWrittenWithTheSmallChunkCodecWhichLuceneFindsByName() throws IOException {
        Path root = Files.createTempDirectory("laituri-codec-");
        try {
            Path live = new LuceneIndexer(analysis).replaceAll(root, docs(40));
            try (FSDirectory directory = FSDirectory.open(live)) {
                SegmentInfos infos = SegmentInfos.readLatestCommit(directory);
                assertFalse(infos.asList().isEmpty());
                for (SegmentCommitInfo segment : infos) {
                    assertEquals(SearchCodec.NAME, segment.info.getCodec().getName());
                }
            }
            assertEquals(SearchCodec.class, Codec.forName(SearchCodec.NAME).getClass());
            SearchIndex.SearchResult found = search(root, "kotoutumisviikko");
            assertEquals(40, found.total());
            assertTrue(found.hits().get(0).snippets().get(0).contains("<mark>"), found.hits().get(0).snippets().toString());
        } finally {
            FileTrees.delete(root);
        }
    }

    @Test
    void anIndexWrittenWithLuceneOwnCodecIsSearchedAsBeforeAndUpdatedWithOurs() throws IOException {
        Path root = Files.createTempDirectory("laituri-codec-");
        try {
            Path live = new LuceneIndexer(analysis).replaceAll(root, docs(40));
            // The same pages as an earlier version wrote them: Lucene's default codec.
            Path old = Files.createTempDirectory(root, "old-");
            try (FSDirectory from = FSDirectory.open(live); FSDirectory to = FSDirectory.open(old);
                 IndexWriter writer = new IndexWriter(to, new IndexWriterConfig(analysis.query())
                         .setCodec(Codec.getDefault()))) {
                org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(from);
                List<org.apache.lucene.index.CodecReader> leaves = new ArrayList<>();
                for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
                    leaves.add(org.apache.lucene.index.SlowCodecReaderWrapper.wrap(leaf.reader()));
                }
                writer.addIndexes(leaves.toArray(org.apache.lucene.index.CodecReader[]::new));
                reader.close();
                writer.setLiveCommitData(SegmentInfos.readLatestCommit(from).getUserData().entrySet());
                writer.commit();
            }
            try (FSDirectory directory = FSDirectory.open(old)) {
                assertEquals(Codec.getDefault().getName(),
                        SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
            }
            SearchIndex.SearchResult ours = search(root, "ohjelma kotoutumisviikko");
            FileTrees.delete(live);
            Files.move(old, live);
            SearchIndex.SearchResult theirs = search(root, "ohjelma kotoutumisviikko");
            assertEquals(ours, theirs);
        } finally {
            FileTrees.delete(root);
        }
    }

    private SearchIndex.SearchResult search(Path root, String q) throws IOException {
        try (LuceneSearchIndex node = new LuceneSearchIndex(analysis, root, List.of("fi"), Clock.systemUTC())) {
            return node.search(new SearchIndex.Request(q, "fi", null, null, 1));
        }
    }

    private static List<SearchDocument> docs(int n) {
        List<SearchDocument> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SearchDocument(SearchDocument.id("k" + i, "fi"), "fi", "article", "/fi/k" + i + "/",
                    "Kotoutumisviikko " + i, "Ohjelma " + i + " julkaistaan.",
                    "Kotoutumisviikon ohjelma " + i + " julkaistaan pian. Kunnat ja järjestöt kertovat tapahtumista.",
                    List.of(), List.of(), null));
        }
        return out;
    }
}
