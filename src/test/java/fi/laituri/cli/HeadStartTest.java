package fi.laituri.cli;

import fi.laituri.TestDatabase;
import fi.laituri.site.hyphenation.Hyphenator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadStartTest {

    /** Each piece runs on its own, with no application context: a failure would silently cost the build its head start. */
    @Test
    void everyPieceRunsWithoutTheApplication() {
        assertDoesNotThrow(HeadStart::prepare);
        assertTrue(Hyphenator.of("fi").isPresent(), "the Finnish patterns, loaded once for the whole process");
        assertTrue(Hyphenator.of("sv").isPresent(), "the Swedish patterns, loaded once for the whole process");
    }

    /** The context's bean definitions are found where Micronaut lists them: none found would be no head start. */
    @Test
    void theBeanDefinitionsAreFoundAndLoaded() throws Exception {
        assertTrue(HeadStart.loadBeanDefinitions() > 100);
    }

    /** A daemon, so that a build that ends (or fails) first is never held up by it; and it does end. */
    @Test
    void theHeadStartIsADaemonThreadThatEnds() throws InterruptedException {
        Thread thread = HeadStart.begin(() -> { });
        assertTrue(thread.isDaemon());
        thread.join(60_000);
        assertFalse(thread.isAlive());
    }

    /**
     * {@code laituri build} as a user runs it, its head start beside the application's start: standard error stays
     * empty (libraries logging from the head start while logging was still being set up made SLF4J print a warning).
     */
    @Test
    void aBuildWithItsHeadStartPrintsNoWarnings(@TempDir Path dir) throws Exception {
        String database = TestDatabase.newDatabase();
        try {
            Path folder = Files.createDirectories(dir.resolve("work"));
            try (LaituriProcess build = LaituriProcess.start(folder, new ServiceClient("head-start-token-0123456789abcdef")
                    .environment(database), "build", "--out", "site")) {
                assertEquals(0, build.awaitExit(Duration.ofMinutes(3)), build.out() + build.err());
                assertEquals(List.of(), build.errLines());
                assertTrue(build.out().contains("Built "), build.out());
            }
        } finally {
            TestDatabase.drop(database);
        }
    }
}
