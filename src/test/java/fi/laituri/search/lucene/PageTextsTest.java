package fi.laituri.search.lucene;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.search.SearchDocument;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build gives search the text of each page from the parse that rendered it; a page kept from the live build has
 * its body parsed for it. Both must give search the same text.
 */
@MicronautTest(transactional = false)
class PageTextsTest extends DatabaseTest {

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    CapturedPages captured;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false", "laituri.test.capture-pages", "true");
    }

    @BeforeAll
    void importSeedContent() {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
    }

    @Test
    void theTextOfARenderedPageIsTheTextOfItsBodyParsedAgain(@TempDir Path site) {
        assertFalse(builder.build(site).written().isEmpty());
        List<SearchDocument> rendered = captured.last();

        assertTrue(builder.build(site).written().isEmpty(), "the second build keeps every page");
        List<SearchDocument> kept = captured.last();

        assertEquals(kept.size(), rendered.size());
        assertTrue(rendered.size() > 10, "the seed site's pages: " + rendered.size());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(kept.get(i), rendered.get(i));
        }
        SearchDocument goals = rendered.stream().filter(d -> d.url().contains("kumppanuusohjelman-tavoitteet"))
                .findFirst().orElseThrow();
        assertTrue(goals.bodyText().length() > 200, goals.bodyText());
        assertFalse(goals.bodyText().contains("](") || goals.bodyText().contains("<p>"), "plain text: " + goals.bodyText());
    }
}
