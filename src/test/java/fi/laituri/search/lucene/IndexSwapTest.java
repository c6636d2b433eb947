package fi.laituri.search.lucene;

import fi.laituri.FileTrees;
import fi.laituri.search.SearchDocument;
import fi.laituri.search.SearchIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searches while full builds swap the live index underneath them, and a new index that cannot be opened. */
class IndexSwapTest {

    private final Analysis analysis = new Analysis(Map.of("fi", "finnish"));
    private final LuceneIndexer indexer = new LuceneIndexer(analysis);
    private final Path search = temp();
    private final LuceneSearchIndex node = new LuceneSearchIndex(analysis, search, List.of("fi"), Clock.systemUTC());

    @AfterEach
    void close() throws IOException {
        node.close();
        FileTrees.delete(search);
    }

    @Test
    void sixteenThreadsSearchingThroughAHundredSwapsNeverFailAndAlwaysFindThePage() throws Exception {
        indexer.replaceAll(search, List.of(doc("a", "Kotoutumisviikko", "Ohjelma julkaistaan pian.")));
        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<?>> searchers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            searchers.add(threads.submit(() -> {
                while (swapping.get()) {
                    try {
                        long total = total("kotoutumisviikko");
                        if (total != 1) {
                            failures.add("found " + total);
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    searches.incrementAndGet();
                }
            }));
        }
        try {
            for (int swap = 0; swap < 100; swap++) {
                indexer.replaceAll(search, List.of(doc("a", "Kotoutumisviikko", "Ohjelma " + swap + " julkaistaan.")));
                node.refreshSoon();
            }
        } finally {
            swapping.set(false);
            for (Future<?> f : searchers) {
                f.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        assertTrue(searches.get() > 100, "searches made: " + searches.get());
        assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(10, failures.size())),
                failures.size() + " of " + searches.get() + " searches failed");
        assertNull(node.health().failed());
    }

    @Test
    void aCorruptNewIndexLeavesTheOldOneServingAndHealthSaysWhich() throws Exception {
        Path old = indexer.replaceAll(search, List.of(doc("a", "Kotoutumisviikko", "Ohjelma julkaistaan pian.")));
        assertEquals(1, total("kotoutumisviikko"));
        Path corrupt = IndexFiles.newBuild(search);
        Files.writeString(corrupt.resolve("segments_1"), "not an index");

        IndexFiles.swap(search, corrupt);
        node.refreshSoon();

        assertEquals(1, total("kotoutumisviikko"));
        LuceneSearchIndex.Health health = node.health();
        assertEquals(old.toRealPath(), health.serving());
        assertEquals(corrupt.toRealPath(), health.failed());
        assertNotNull(health.reason());
    }

    @Test
    void aMissingNewIndexLeavesTheOldOneServingAndTheNextGoodBuildIsOpened() throws Exception {
        indexer.replaceAll(search, List.of(doc("a", "Kotoutumisviikko", "Ohjelma julkaistaan pian.")));
        assertEquals(1, total("kotoutumisviikko"));
        Path empty = IndexFiles.newBuild(search);

        IndexFiles.swap(search, empty);
        node.refreshSoon();

        assertEquals(1, total("kotoutumisviikko"));
        assertEquals(empty.toRealPath(), node.health().failed());

        Path next = indexer.replaceAll(search, List.of(doc("b", "Kielikurssi", "Kurssi alkaa.")));
        node.refreshSoon();

        assertEquals(1, total("kielikurssi"));
        assertEquals(0, total("kotoutumisviikko"));
        assertEquals(new LuceneSearchIndex.Health(next.toRealPath(), null, null), node.health());
    }

    private long total(String q) {
        return node.search(new SearchIndex.Request(q, "fi", null, null, 1)).total();
    }

    private static SearchDocument doc(String key, String title, String body) {
        return new SearchDocument(SearchDocument.id(key, "fi"), "fi", "article", "/fi/" + key + "/", title, "", body,
                List.of(), List.of(), null);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("laituri-index-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
