package fi.laituri.search.lucene;

import fi.laituri.search.SearchDocument;
import fi.laituri.search.SearchIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The index files as a search node sees them while the build updates or replaces them. */
class IncrementalIndexTest {

    private final Analysis analysis = new Analysis(Map.of("fi", "finnish", "sv", "swedish"));
    private final LuceneIndexer indexer = new LuceneIndexer(analysis);
    private final Path search = temp();
    private final LuceneSearchIndex node = new LuceneSearchIndex(analysis, search, List.of("fi", "sv"), Clock.systemUTC());

    @AfterEach
    void close() throws Exception {
        node.close();
    }

    @Test
    void anUpsertIsSearchableOnANodeThatHasTheIndexOpen() throws Exception {
        indexer.replaceAll(search, List.of(doc("a", "Kotoutumisviikko", "Ohjelma julkaistaan pian.")));
        assertEquals(1, total("kotoutumisviikko"));

        indexer.update(search, List.of(doc("b", "Seepraviikko", "Seepraviikon ohjelma.")), List.of());

        assertEquals(1, waitFor("seepraviikko", 1));
    }

    @Test
    void anUpdateReplacesAPageByIdAndRemovesDeletedIds() throws Exception {
        indexer.replaceAll(search, List.of(doc("a", "Kotoutumisviikko", "Vanha teksti."), doc("b", "Kielikurssi", "Kurssi.")));
        total("kurssi");

        indexer.update(search, List.of(doc("a", "Kotoutumisviikko", "Uusi ohjelma.")), List.of("b:fi"));

        assertEquals(1, waitFor("ohjelma", 1));
        assertEquals(0, total("vanha"));
        assertEquals(0, total("kielikurssi"));
        assertEquals(1, total("kotoutumisviikko"));
    }

    @Test
    void aFullBuildIsSwappedInUnderAnOpenNodeAndOnlyThePreviousBuildIsKept() throws Exception {
        indexer.replaceAll(search, List.of(doc("a", "Ensimmäinen", "Yksi.")));
        total("ensimmäinen");
        indexer.replaceAll(search, List.of(doc("b", "Toinen", "Kaksi.")));
        indexer.replaceAll(search, List.of(doc("c", "Kolmas", "Kolme.")));

        assertEquals(1, waitFor("kolmas", 1));
        assertEquals(0, total("ensimmäinen"));
        try (Stream<Path> builds = Files.list(search.resolve("builds"))) {
            assertEquals(2, builds.count());
        }
    }

    @Test
    void anUpdateSplitsNewCompoundsByTheWordsAlreadyIndexed() throws Exception {
        indexer.replaceAll(search, List.of(doc("a", "Koulutus", "Koulutus on maksutonta.")));

        indexer.update(search, List.of(doc("b", "Kotoutumiskoulutus alkaa", "Ryhmät aloittavat elokuussa.")), Set.of());

        assertEquals(2, waitFor("koulutusta", 2));
    }

    /**
     * The node's count for {@code q} as soon as it is {@code wanted}, else at a generous deadline: a slow machine only
     * makes this wait longer, a node that never sees the change fails the test.
     */
    private long waitFor(String q, long wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long n;
        while ((n = total(q)) != wanted && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return n;
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
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
