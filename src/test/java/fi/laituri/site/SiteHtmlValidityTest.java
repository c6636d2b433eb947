package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every HTML file of the built seed site passes the Nu HTML Checker (the checker behind
 * validator.w3.org/nu), run in-process. It walks the whole build, so page types added later are
 * checked without touching this test.
 */
@MicronautTest(transactional = false)
class SiteHtmlValidityTest extends DatabaseTest {

    /** The checker's schema for HTML with all its extensions (SVG, MathML, ARIA, microdata). */
    private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    private Path root;
    private List<Path> pages;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void buildTheSeedSite() throws IOException {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
        Path site = Files.createTempDirectory("laituri-site-html");
        builder.build(site);
        root = site.resolve("current").toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void everyHtmlPageOfTheSeedSitePassesTheNuHtmlCheckerWithoutErrors() throws Exception {
        assertTrue(pages.size() > 10, "the seed site has only " + pages);
        Errors errors = new Errors();
        // Language detection only warns, and costs time; loading external entities is never wanted.
        SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
        validator.setUpMainSchema(HTML_SCHEMA, errors);
        validator.setUpValidatorAndParsers(errors, false, false);

        for (Path page : pages) {
            errors.file = "/" + root.relativize(page);
            validator.checkHtmlFile(page.toFile(), true);
        }

        assertEquals("", String.join("\n", errors.found), errors.found.size() + " errors in " + pages.size() + " pages");
    }

    /** Collects errors with their file and line; warnings (such as advice) are not failures. */
    private static final class Errors implements ErrorHandler {
        final List<String> found = new ArrayList<>();
        String file = "(schema)";

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            found.add(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }
    }
}
