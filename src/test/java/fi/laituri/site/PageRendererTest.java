package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site templates as the renderer uses them, without the application around them. */
class PageRendererTest {

    private static final Path TEMPLATES = Path.of("site-templates");

    private static final Page.Frame FRAME = new Page.Frame("http://localhost:8080/fi/sivu/", "/fi/", List.of(),
            List.of(), null, null, null, null, null, true);

    private final SiteFactory site = new SiteFactory(TEMPLATES.toString());
    private final PageRenderer renderer = new PageRenderer(site.pebble(), site.messages());

    @Test
    void aTitleWithAScriptTagIsEscaped() {
        String html = renderer.render(page("fi", "<script>alert(1)</script> & co", "<p>x</p>", false));

        assertTrue(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void theTitleRepeatedInTheHeadIsEscapedOnce() {
        String html = renderer.render(page("fi", "Tom & Jerry", "", false));

        assertTrue(html.contains("<title>Tom &amp; Jerry – Kotoutumisen kumppanuusohjelma</title>"), html);
        assertTrue(html.contains("<meta property=\"og:title\" content=\"Tom &amp; Jerry\">"), html);
    }

    @Test
    void theSummaryTagsAndBylineAreEscapedToo() {
        Page page = new Page("fi", "fi", "Otsikko", "<b>tiivistelmä</b>", "", List.of(
                new Page.Byline("<i>Maija</i>", null, null)), null, List.of(new Page.Tag("<em>tagi</em>", null)), false, FRAME);

        String html = renderer.render(page);

        assertTrue(html.contains("&lt;b&gt;tiivistelmä&lt;/b&gt;"), html);
        assertTrue(html.contains("&lt;i&gt;Maija&lt;/i&gt;"), html);
        assertTrue(html.contains("&lt;em&gt;tagi&lt;/em&gt;"), html);
    }

    @Test
    void theBodyHtmlIsInsertedAsItIs() {
        String html = renderer.render(page("fi", "Otsikko", "<h2 id=\"ohjelma\">Ohjelma</h2>\n<p>Teksti</p>", false));

        assertTrue(html.contains("<h2 id=\"ohjelma\">Ohjelma</h2>\n<p>Teksti</p>"), html);
    }

    @Test
    void aPageThatIsNotAPreviewHasNoBannerAndNoNoindex() {
        String html = renderer.render(page("fi", "Julkinen", "", false));

        assertFalse(html.contains("noindex"), html);
        assertFalse(html.contains("Esikatselu"), html);
    }

    @Test
    void aPreviewHasTheBannerOfItsLanguageAndNoindex() {
        String html = renderer.render(page("sv", "Utkast", "", true));

        assertTrue(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), html);
        assertTrue(html.contains("Förhandsvisning – inte publicerad"), html);
    }

    @Test
    void thePageHasOneH1OneMainAndItsLanguage() {
        String html = renderer.render(page("sv", "Rubrik", "<p>Text</p>", false));

        assertTrue(html.contains("<html lang=\"sv\">"), html);
        assertEquals(1, count(html, "<h1"));
        assertEquals(1, count(html, "<main"));
        assertTrue(html.contains("<main id=\"content\" tabindex=\"-1\">"), html);
    }

    @Test
    void thePublicationDateAndTimeAreWrittenInThePagesLanguage() {
        OffsetDateTime date = OffsetDateTime.parse("2026-03-05T09:05+02:00");

        String finnish = renderer.render(dated("fi", date));
        String swedish = renderer.render(dated("sv", date));

        assertTrue(finnish.contains("Julkaisupäivä <time datetime=\"2026-03-05T09:05+02:00\">5.3.2026 9.05</time>"), finnish);
        assertTrue(swedish.contains("Publicerad <time datetime=\"2026-03-05T09:05+02:00\">5.3.2026 9.05</time>"), swedish);
    }

    @Test
    void theBylineNamesEachAuthorWithTitleAndOrganisation() {
        Page page = new Page("fi", "fi", "Blogi", "", "", List.of(
                new Page.Byline("Varpu Taarna", "erityisasiantuntija", "Kotoutumisen osaamiskeskus"),
                new Page.Byline("Maija Meikäläinen", null, null)), null, List.of(), false, FRAME);

        String html = renderer.render(page);

        assertTrue(html.contains("<li><span class=\"author-name\">Varpu Taarna</span>, erityisasiantuntija, Kotoutumisen osaamiskeskus</li>"), html);
        assertTrue(html.contains("<li><span class=\"author-name\">Maija Meikäläinen</span></li>"), html);
    }

    @Test
    void everyMessageFileHasTheSameKeysAsTheFinnishOne() throws IOException {
        Properties finnish = load(TEMPLATES.resolve("i18n/fi.properties"));
        try (Stream<Path> files = Files.list(TEMPLATES.resolve("i18n"))) {
            for (Path file : files.toList()) {
                assertEquals(finnish.stringPropertyNames(), load(file).stringPropertyNames(), file.toString());
            }
        }
    }

    private static Page page(String language, String title, String bodyHtml, boolean preview) {
        return new Page(language, language, title, "", bodyHtml, List.of(), null, List.of(), preview, FRAME);
    }

    private static Page dated(String language, OffsetDateTime date) {
        return new Page(language, language, "Päivätty", "", "", List.of(), date, List.of(), false, FRAME);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
