package fi.laituri.search.lucene;

import fi.laituri.bench.SyntheticCorpus;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FullScores} ranks the first pass's candidates as Lucene ranks them by the full query, on the benchmark's
 * corpus (several segments: a full build indexes on every core): the same pages in the same order, each with
 * the same score but for float rounding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullScoresTest {

    private final Analysis analysis = new Analysis(Map.of("fi", "finnish", "sv", "swedish", "selko", "finnish"));
    private final Ranking ranking = new Ranking(analysis.query(), Ranking.Weights.DEFAULTS);
    private Path search;
    private FSDirectory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    @BeforeAll
    void index() throws IOException {
        search = Files.createTempDirectory("laituri-full-scores-");
        new LuceneIndexer(analysis).replaceAll(search, SyntheticCorpus.searchDocuments(1000, 3));
        directory = FSDirectory.open(IndexFiles.live(search).orElseThrow());
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(ranking.similarity());
    }

    @AfterAll
    void close() throws IOException {
        reader.close();
        directory.close();
        try (var files = Files.walk(search)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"fi, kotoutumisen", "fi, järjestöjen yhteistyö", "fi, maahanmuuttajien palvelut kunnissa",
            "fi, rahoitusta hankkeille", "fi, järjestörahoitusta kotoutuminen", "sv, invandrares sysselsättning",
            "sv, samarbetet kommunerna", "sv, finansiering projekt", "selko, asunto kunta",
            "selko, kotoutumista suomessa", "fi, kunta kunnan kunnissa kuntien palvelu palvelut palveluiden"})
    void theCandidatesRankAsLuceneRanksThemByTheFullQuery(String language, String words) throws IOException {
        Ranking.Queries queries = ranking.query(new SearchTerms(searcher), words, words, language);
        TopDocs candidates = searcher.search(queries.first(), new TopScoreDocCollectorManager(100, null, 100));
        assertTrue(candidates.scoreDocs.length > 10, "candidates: " + candidates.scoreDocs.length);

        ScoreDoc[] expected = new QueryRescorer(queries.full()) {
            @Override
            protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                return secondPassMatches ? secondPassScore : 0;
            }
        }.rescore(searcher, candidates, 100).scoreDocs;
        ScoreDoc[] actual = FullScores.rescore(searcher, queries, candidates, 100).scoreDocs;

        assertEquals(Arrays.stream(expected).map(d -> d.doc).toList(), Arrays.stream(actual).map(d -> d.doc).toList());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].score, actual[i].score, Math.ulp(expected[i].score) * 4, "score of rank " + (i + 1));
        }
    }
}
