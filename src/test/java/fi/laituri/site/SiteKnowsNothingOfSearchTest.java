package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Search depends on the site (it listens on {@link RenderedPages} and renders its results page with the site's
 * templates), so the way back must stay closed: a site class naming search would make the two one tangle again.
 */
class SiteKnowsNothingOfSearchTest {

    private static final Path SITE = Path.of("src/main/java/fi/laituri/site");

    @Test
    void noSourceOfTheSitePackageNamesTheSearchPackage() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(SITE)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no sources under " + SITE.toAbsolutePath());
        List<String> naming = sources.stream().filter(SiteKnowsNothingOfSearchTest::namesSearch)
                .map(p -> SITE.relativize(p).toString()).toList();

        assertEquals(List.of(), naming);
    }

    private static boolean namesSearch(Path source) {
        try {
            return Files.readString(source).contains("fi.laituri.search");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
