package fi.laituri.cli;

import fi.laituri.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSiteTest {

    /**
     * {@code laituri bench site} on a small corpus, as the README runs it: two rounds of cold full builds, each into a
     * folder of its own, the table showing the quicker; the second round's folder is gone when the benchmark ends, and
     * the first round's site is the one it served.
     */
    @Test
    void theColdBuildsRunInRoundsAndTheTableShowsTheQuickerOfThem(@TempDir Path dir) throws Exception {
        String database = TestDatabase.newDatabase();
        try {
            Path folder = Files.createDirectories(dir.resolve("work"));
            try (LaituriProcess bench = LaituriProcess.start(folder, new ServiceClient("bench-site-token-0123456789abcdef")
                    .environment(database), "bench", "site", "--docs", "12", "--edits", "2", "--rounds", "2",
                    "--out", folder.resolve("bench/site").toString())) {
                assertEquals(0, bench.awaitExit(Duration.ofMinutes(5)), bench.out() + bench.err());
                String out = bench.out();
                assertTrue(out.contains("full build, round 1 of 2 (laituri build"), out);
                assertTrue(out.contains("full build, round 2 of 2 (laituri build"), out);
                assertTrue(out.contains("rebuild, nothing changed (laituri build"), out);
                assertTrue(out.lines().anyMatch(l -> l.startsWith("laituri build (pages + search index)")), out);
                assertTrue(out.contains("(each the quicker of 2 rounds, in turn: laituri build "), out);
                assertTrue(out.contains("publish to live, one edit at a time (2 edits"), out);
            }
            assertTrue(Files.exists(folder.resolve("bench/site/current/index.html")));
            assertFalse(Files.exists(folder.resolve("bench/site-round-2")));
        } finally {
            TestDatabase.drop(database);
        }
    }

    @Test
    void noRoundsIsRefused(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        try (LaituriProcess bench = LaituriProcess.start(folder, java.util.Map.of(), "bench", "site", "--rounds", "0",
                "--out", folder.resolve("bench/site").toString())) {
            assertEquals(2, bench.awaitExit(Duration.ofMinutes(1)), bench.out() + bench.err());
            assertTrue(bench.err().contains("--rounds must be at least 1"), bench.err());
        }
        try (java.util.stream.Stream<Path> left = Files.list(folder)) {
            assertEquals(0, left.count(), "nothing made for a refused run");
        }
    }
}
