package fi.laituri.search.lucene;

import fi.laituri.bench.SyntheticCorpus;
import fi.laituri.search.SearchIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ranking over the benchmark's corpus: the queries `bench search` times, and the longest a reader can send. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankingTest {

    private final Analysis analysis = new Analysis(Map.of("fi", "finnish", "sv", "swedish", "selko", "finnish"));
    private Path search;
    private LuceneSearchIndex index;

    @BeforeAll
    void index() throws IOException {
        search = Files.createTempDirectory("laituri-ranking-");
        new LuceneIndexer(analysis).replaceAll(search, SyntheticCorpus.searchDocuments(500, 1));
        index = new LuceneSearchIndex(analysis, search, List.of("fi", "sv", "selko"), Clock.systemUTC());
    }

    @AfterAll
    void close() throws IOException {
        index.close();
        try (var files = Files.walk(search)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void twoCommonSwedishWordsFindPagesWithBoth() {
        SearchIndex.SearchResult result = index.search(new SearchIndex.Request("samarbetet kommunerna", "sv", null, null, 1));
        assertFalse(result.hits().isEmpty());
    }

    @Test
    void sixteenWordsThatEachMatchEveryFieldStayWithinLucenesClauseLimit() {
        String words = "kotoutuminen kotoutumisen kotoutumista kotoutumiseen järjestö järjestön järjestöjen järjestöille "
                + "kunta kunnan kunnissa kuntien palvelu palvelut palveluiden palveluja";
        SearchIndex.SearchResult result = index.search(new SearchIndex.Request(words, "fi", null, null, 1));
        assertTrue(result.total() > 0);
    }

    @Test
    void explainRanksTheFirstPagesAsTheSearchDoes() {
        SearchIndex.Request request = new SearchIndex.Request("järjestöjen yhteistyö", "fi", null, null, 1);
        List<String> searched = index.search(request).hits().stream().map(SearchIndex.Hit::id).toList();
        List<String> explained = index.explain(request, null, 10).hits().stream().map(SearchIndex.ExplainedHit::id).toList();
        assertEquals(10, searched.size());
        assertEquals(searched, explained);
    }

    @Test
    void explainSaysThatAPageTheFirstPassLeavesOutIsNotRanked() {
        SearchIndex.Request first = new SearchIndex.Request("järjestöjen yhteistyö", "fi", null, null, 1);
        long total = index.search(first).total();
        assertTrue(total > 200, "matches: " + total);
        int lastPage = (int) Math.min(100, (total + 9) / 10);
        List<SearchIndex.Hit> last = index.search(new SearchIndex.Request("järjestöjen yhteistyö", "fi", null, null, lastPage)).hits();
        String lowest = last.get(last.size() - 1).id();
        SearchIndex.ExplainedHit explained = index.explain(first, lowest, 0).hits().get(0);
        assertEquals(lowest, explained.id());
        assertEquals(0, explained.rank());
        assertTrue(explained.explanation().contains("not ranked"), explained.explanation());
    }
}
