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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over every page of the built seed site: the {@code hreflang} alternates are reciprocal, each page is in at most
 * one cluster, selkosuomi pages are in none, and the sitemaps say of each page what the page says.
 */
@MicronautTest(transactional = false)
class HreflangClustersTest extends DatabaseTest {

    private static final String BASE = "https://kotoutuminen.example";
    private static final Pattern CANONICAL = Pattern.compile("<link rel=\"canonical\" href=\"([^\"]+)\">");
    private static final Pattern ALTERNATE = Pattern.compile("<link rel=\"alternate\" hreflang=\"([^\"]+)\" href=\"([^\"]+)\">");
    private static final Pattern SITEMAP_URL = Pattern.compile("<url>(.*?)</url>", Pattern.DOTALL);
    private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
    private static final Pattern XHTML_LINK = Pattern.compile("<xhtml:link rel=\"alternate\" hreflang=\"([^\"]+)\" href=\"([^\"]+)\"/>");

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    private Path root;
    /** Each page's URL to its alternates (hreflang to URL), for every page whose canonical URL is its own. */
    private final Map<String, Map<String, String>> clusters = new TreeMap<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false", "laituri.site.base-url", BASE);
    }

    @BeforeAll
    void buildTheSeedSite() throws IOException {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
        Path site = Files.createTempDirectory("laituri-hreflang");
        builder.build(site);
        root = site.resolve("current").toRealPath();
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(root)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        for (Path page : pages) {
            String html = Files.readString(page);
            Matcher canonical = CANONICAL.matcher(html);
            String own = BASE + "/" + root.relativize(page).toString().replaceAll("index\\.html$", "");
            if (canonical.find() && canonical.group(1).equals(own)) {
                clusters.put(own, alternates(ALTERNATE.matcher(html)));
            } else if (own.equals(BASE + "/")) {
                // The root only sends readers on: its canonical URL is the default language's home, and it has no cluster.
                assertTrue(canonical.find(0) && canonical.group(1).equals(BASE + "/fi/"), html);
                assertEquals(Map.of(), alternates(ALTERNATE.matcher(html)));
            } else {
                // The 404 pages, served at any address, name no canonical URL nor alternates.
                assertTrue(own.endsWith("/404.html"), own + " names another canonical URL: " + html);
                assertEquals(Map.of(), alternates(ALTERNATE.matcher(html)));
            }
        }
        assertTrue(clusters.size() > 20, "the seed site has only " + clusters.keySet());
    }

    private static Map<String, String> alternates(Matcher m) {
        Map<String, String> alternates = new TreeMap<>();
        while (m.find()) {
            String before = alternates.put(m.group(1), m.group(2));
            assertEquals(null, before, "hreflang " + m.group(1) + " named twice");
        }
        return alternates;
    }

    @Test
    void everyAlternateIsABuiltPageThatNamesTheSameClusterAndEachPageIsInItsOwnCluster() {
        List<String> problems = new ArrayList<>();
        clusters.forEach((url, alternates) -> {
            if (alternates.isEmpty()) {
                return;
            }
            if (!alternates.containsValue(url)) {
                problems.add(url + " is not among its own alternates " + alternates);
            }
            alternates.forEach((hreflang, href) -> {
                Map<String, String> theirs = clusters.get(href);
                if (theirs == null) {
                    problems.add(url + " names " + href + " (" + hreflang + "), which is no page of the site");
                } else if (!theirs.equals(alternates)) {
                    problems.add(url + " names " + href + " (" + hreflang + "), which names " + theirs + " instead of " + alternates);
                }
            });
            assertTrue(alternates.containsKey("x-default"), url + " has no x-default: " + alternates);
            assertTrue(alternates.containsKey("fi") && alternates.containsKey("sv") || alternates.size() == 2,
                    url + ": " + alternates);
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void noPageIsInTwoLanguagesClusters() {
        Map<String, Map<String, String>> clusterOf = new HashMap<>();
        List<String> problems = new ArrayList<>();
        clusters.values().stream().filter(a -> !a.isEmpty()).forEach(alternates ->
                alternates.values().forEach(href -> {
                    Map<String, String> before = clusterOf.putIfAbsent(href, alternates);
                    if (before != null && !before.equals(alternates)) {
                        problems.add(href + " is in " + before + " and in " + alternates);
                    }
                }));
        assertEquals(List.of(), problems);
        // The Finnish pages, which selkosuomi pages are adapted from, are in the clusters; no selkosuomi page is.
        assertTrue(clusterOf.containsKey(BASE + "/fi/"), clusterOf.keySet().toString());
        assertFalse(clusterOf.keySet().stream().anyMatch(u -> u.startsWith(BASE + "/selko/")), clusterOf.keySet().toString());
    }

    @Test
    void selkosuomiPagesNameNoAlternatesButStillLinkTheirStandardFinnishPage() throws IOException {
        List<String> selko = clusters.keySet().stream().filter(u -> u.startsWith(BASE + "/selko/")).toList();
        assertTrue(selko.size() >= 4, selko.toString());
        selko.forEach(u -> assertEquals(Map.of(), clusters.get(u), u));
        String statement = Files.readString(root.resolve("selko/saavutettavuus/index.html"));
        assertTrue(statement.contains("<a href=\"/fi/saavutettavuusseloste/\">"), statement);
        String finnish = Files.readString(root.resolve("fi/saavutettavuusseloste/index.html"));
        assertTrue(finnish.contains("<a href=\"/selko/saavutettavuus/\">"), finnish);
    }

    @Test
    void eachSitemapEntryNamesTheAlternatesAndXDefaultItsPageNames() throws IOException {
        int entries = 0;
        try (Stream<Path> sitemaps = Files.list(root)) {
            for (Path sitemap : sitemaps.filter(p -> p.getFileName().toString().matches("sitemap-.+\\.xml")).toList()) {
                Matcher url = SITEMAP_URL.matcher(Files.readString(sitemap));
                while (url.find()) {
                    Matcher loc = LOC.matcher(url.group(1));
                    assertTrue(loc.find(), url.group());
                    Map<String, String> page = clusters.get(loc.group(1));
                    assertTrue(page != null, loc.group(1) + " of " + sitemap.getFileName() + " is no page");
                    assertEquals(page, alternates(XHTML_LINK.matcher(url.group(1))), loc.group(1) + " in " + sitemap.getFileName());
                    entries++;
                }
            }
        }
        assertTrue(entries > 15, entries + " sitemap entries");
    }
}
