package fi.laituri.cli;

import fi.laituri.site.SiteBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BuildProgressTest {

    /** Render threads report their counts out of order: a lower count after a higher one never moves the line back. */
    @Test
    void theProgressLinesOnlyGoForwardWhenCountsArriveOutOfOrder() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SiteBuilder.Progress progress = BuildCommand.progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int done : new int[] {0, 3661, 2044, 3700, 7322, 25627, 25626, 29288, 36610}) {
            progress.update(done, 36610);
        }
        assertEquals(List.of("building: 0% (0/36610 files)", "building: 10% (3661/36610 files)",
                "building: 20% (7322/36610 files)", "building: 70% (25627/36610 files)",
                "building: 80% (29288/36610 files)", "building: 100% (36610/36610 files)"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
