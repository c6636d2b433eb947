package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed site as a reader of a ministry's portal meets it: its name, home, news, statement, icons, feeds. */
@MicronautTest(transactional = false)
class SeedPortalTest extends DatabaseTest {

    private static final String BASE = "https://kotoutuminen.example";

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    private Path root;
    private BuildReport report;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false", "laituri.site.base-url", BASE);
    }

    @BeforeAll
    void buildTheSeedSite() throws IOException {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
        Path site = Files.createTempDirectory("laituri-portal");
        report = builder.build(site);
        root = site.resolve("current").toRealPath();
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    private static String text(String html) {
        return html.replace("\u00ad", "");
    }

    @Test
    void pageTitlesNameTheProgrammeInFinnishAndInSwedish() throws IOException {
        assertTrue(read("fi/saavutettavuusseloste/index.html").contains("<title>Saavutettavuusseloste – Kotoutumisen kumppanuusohjelma</title>"));
        assertTrue(read("sv/tillganglighetsutlatande/index.html").contains("<title>Tillgänglighetsutlåtande – Partnerskapsprogrammet för integration</title>"));
        assertTrue(read("sv/index.html").contains("<title>Startsida – Partnerskapsprogrammet för integration</title>"));
    }

    @Test
    void everyPageShowsTheLogoWithItsTextAlternativeAndTheOwnersContactDetails() throws IOException {
        String home = read("fi/index.html");
        assertTrue(home.contains("<img class=\"site-logo\" src=\"/logo.svg\" alt=\"Työ- ja elinkeinoministeriö\""), home);
        assertTrue(home.contains("kirjaamo.tem@gov.fi"), home);
        assertTrue(read("sv/index.html").contains("alt=\"Arbets- och näringsministeriet\""));
        assertTrue(Files.readString(root.resolve("logo.svg")).startsWith("<svg"));
    }

    @Test
    void theHomeIsTheEditorsIntroductionAndFeaturedPagesFollowedByDatedNewestItems() throws IOException {
        String home = text(read("fi/index.html"));
        int intro = home.indexOf("on avoin verkosto kaikille");
        int featured = home.indexOf("<h2 id=\"featured-title\">Tutustu ohjelmaan</h2>");
        int latest = home.indexOf("<h2 id=\"latest-title\">Uusimmat</h2>");
        assertTrue(intro > 0 && featured > intro && latest > featured, home);
        String cards = home.substring(featured, latest);
        assertTrue(cards.indexOf("/fi/kumppanuusohjelma-johdattaa-kohti-inklusiivista-yhteiskuntaa/")
                < cards.indexOf("/fi/toimintasuunnitelma-2021-2022/"), cards);
        assertFalse(cards.contains("doc:"), cards);
        String news = home.substring(latest);
        Matcher dates = Pattern.compile("<h3><a href=\"[^\"]+\">[^<]+</a></h3>\n<p class=\"meta\"><time datetime=\"[^\"]+\">\\d{1,2}\\.\\d{1,2}\\.\\d{4}</time>")
                .matcher(news);
        int dated = 0;
        while (dated < 20 && dates.find()) {
            dated++;
        }
        assertEquals(news.split("<li class=\"entry\">").length - 1, dated, news);
        assertTrue(news.indexOf("/fi/tietosuojaseloste/") < news.indexOf("/fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/"),
                "pages first published at the import come before the post dated 2023: " + news);
        assertFalse(Files.exists(root.resolve("fi/etusivu/index.html")), "the home document has no page of its own");
    }

    @Test
    void theHomesAdvertiseTheSiteFeedAndTheirLanguagesFeed() throws IOException {
        for (String home : List.of("fi/index.html", "sv/index.html", "selko/index.html")) {
            String html = read(home);
            assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\""), home);
            assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/" + home.split("/")[0] + "/feed.xml\""), home);
        }
    }

    @Test
    void aBlogPostsBreadcrumbsLeadThroughTheBlogAndItsSummaryIsNotRepeated() throws IOException {
        String post = text(read("fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/index.html"));
        assertTrue(post.contains("<li><a href=\"/fi/\">Etusivu</a></li>\n<li><a href=\"/fi/blog/\">Blogi</a></li>\n"
                + "<li aria-current=\"page\">Kumppanuusohjelmaa pidetään hyödyllisenä"), post);
        String lead = "Tuoreen Kumppanuusbaron vastauksissa ilahduttaa erityisesti se";
        String main = post.substring(post.indexOf("<main"), post.indexOf("</main>"));
        assertEquals(1, main.split(lead, -1).length - 1, main);
        assertTrue(post.contains("<p>Kumppanuusbaron tulosten mukaan"), post);
    }

    @Test
    void theFaviconAndTheIconsThePagesNameAreThere() throws IOException {
        byte[] ico = Files.readAllBytes(root.resolve("favicon.ico"));
        assertArrayEquals(new byte[] {0, 0, 1, 0}, java.util.Arrays.copyOf(ico, 4), "an ICO file");
        assertTrue(Files.size(root.resolve("apple-touch-icon.png")) > 0);
        String page = read("fi/index.html");
        assertTrue(page.contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">"), page);
        assertTrue(page.contains("<link rel=\"icon\" href=\"/icon.svg\" type=\"image/svg+xml\">"), page);
        assertTrue(Files.exists(root.resolve("icon.svg")));
    }

    @Test
    void theStatementShowsItsStatusAddressAndDatesAndItsFeedbackSectionAndTheFooterLeadsToTheFeedbackForm() throws IOException {
        String statement = text(read("fi/saavutettavuusseloste/index.html"));
        assertTrue(statement.contains("<strong class=\"statement-status statement-status-partial\">Täyttää vaatimukset osittain</strong>"), statement);
        assertTrue(statement.contains("<a href=\"" + BASE + "/fi/\">" + BASE + "/fi/</a>"), statement);
        assertTrue(statement.contains("<dt>Viimeksi tarkistettu</dt>\n<dd><time datetime=\"2026-11-16T10:00+02:00\">16.11.2026</time></dd>"), statement);
        assertTrue(statement.contains("Lupa- ja valvontavirasto"), statement);
        assertTrue(statement.contains("<h2 id=\"palaute\">Palaute</h2>"), statement);
        assertTrue(java.util.regex.Pattern.compile("<li><a href=\"[^\"]*/participation/feedback\\?lang=fi[^\"]*\">Anna palautetta</a></li>")
                .matcher(read("fi/index.html")).find(), read("fi/index.html"));
        assertTrue(read("sv/index.html").contains("/participation/feedback?lang=sv"), read("sv/index.html"));
        assertTrue(text(read("selko/saavutettavuus/index.html")).contains("statement-status-partial"));
        assertEquals(List.of(), report.warnings().stream().filter(w -> w.contains("accessibility")).toList());
    }

    @Test
    void noFeedIsUpdatedIn1970AndEverySitemapEntryHasItsLastModification() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                String xml = Files.readString(file);
                assertFalse(xml.contains("1970-"), file.getFileName() + ": " + xml);
                if (file.getFileName().toString().startsWith("sitemap-")) {
                    assertEquals(xml.split("<url>", -1).length - 1, xml.split("<lastmod>", -1).length - 1, xml);
                }
            }
        }
        assertFalse(read("sv/feed.xml").contains("1970-"));
        assertTrue(read("sv/feed.xml").contains("<updated>2026-"), read("sv/feed.xml"));
    }
}
