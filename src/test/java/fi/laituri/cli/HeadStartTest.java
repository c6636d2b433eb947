package fi.laituri.cli;

import fi.laituri.site.hyphenation.Hyphenator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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

    /** A daemon, so that a build that ends (or fails) first is never held up by it; and it does end. */
    @Test
    void theHeadStartIsADaemonThreadThatEnds() throws InterruptedException {
        Thread thread = HeadStart.begin();
        assertTrue(thread.isDaemon());
        thread.join(60_000);
        assertFalse(thread.isAlive());
    }
}
