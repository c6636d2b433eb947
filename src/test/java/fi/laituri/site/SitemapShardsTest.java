package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.Api;
import fi.laituri.content.ContentFolder;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sitemaps in shards of {@code laituri.site.sitemap-urls} addresses (four here, so that the seed site has several),
 * so that a build after one change writes a shard or two instead of every address of a language.
 */
@MicronautTest(transactional = false)
class SitemapShardsTest extends DatabaseTest {

    private static final String BASE = "https://laituri.example";
    private static final int URLS = 4;
    private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    Documents content;

    @Inject
    Transitions transitions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false", "laituri.site.base-url", BASE + "/",
                "laituri.site.sitemap-urls", String.valueOf(URLS));
    }

    @BeforeAll
    void importSeedContent() {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
    }

    @Test
    void theIndexNamesEveryShardAndTheShardsListEachAddressOnceWithinTheConfiguredSize(@TempDir Path site) throws IOException {
        builder.build(site);
        Path live = site.resolve("current").toRealPath();

        List<String> shards = locs(Files.readString(live.resolve("sitemap.xml")));
        List<String> fi = shards.stream().filter(s -> s.startsWith(BASE + "/sitemap-fi")).toList();
        assertTrue(fi.size() >= 3, "the seed's Finnish pages fill several shards: " + shards);
        assertEquals(BASE + "/sitemap-fi.xml", fi.get(0));
        for (int n = 2; n <= fi.size(); n++) {
            assertEquals(BASE + "/sitemap-fi-" + n + ".xml", fi.get(n - 1));
        }
        List<String> listed = new ArrayList<>();
        for (String shard : shards) {
            List<String> urls = locs(Files.readString(live.resolve(shard.substring(BASE.length() + 1))));
            assertTrue(!urls.isEmpty() && urls.size() <= URLS, shard + " lists " + urls);
            listed.addAll(urls);
        }
        assertEquals(listed.size(), new HashSet<>(listed).size(), "no address is in two shards: " + listed);
        List<String> first = locs(Files.readString(live.resolve("sitemap-fi.xml")));
        assertEquals(List.of(BASE + "/fi/", BASE + "/fi/blog/"), first.subList(0, 2));
        try (Stream<Path> pages = Files.list(live.resolve("fi"))) {
            List<String> fiPages = pages.filter(p -> Files.isRegularFile(p.resolve("index.html")))
                    .map(p -> p.getFileName().toString()).filter(p -> !Set.of("blog", "tags", "search").contains(p))
                    .map(p -> BASE + "/fi/" + p + "/").toList();
            assertTrue(listed.containsAll(fiPages), "every Finnish page is in a shard: " + fiPages + " of " + listed);
        }
    }

    @Test
    void publishingANewPageWritesTheLastShardAndTheFirstButNoneBetween(@TempDir Path site) throws IOException, InterruptedException {
        builder.build(site);
        List<String> before = locs(Files.readString(site.resolve("current/sitemap.xml")));
        long beforeFi = before.stream().filter(s -> s.startsWith(BASE + "/sitemap-fi")).count();
        // Publication times are kept to the second and ties go by key: past the second of the seed's import, the new
        // page is the newest of the site, as a page published later than the rest is.
        Thread.sleep(1100);

        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", "Uusin sivu " + System.nanoTime(), null, null, "Teksti.", null, null, null))),
                EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
        BuildReport report = builder.update(site, Set.of(doc.id()));

        List<String> shards = locs(Files.readString(site.resolve("current/sitemap.xml"))).stream()
                .filter(s -> s.startsWith(BASE + "/sitemap-fi")).map(s -> s.substring(BASE.length() + 1)).toList();
        String last = shards.get(shards.size() - 1);
        String url = BASE + "/fi/" + content.getVariant(doc.id(), "fi").slug() + "/";
        assertTrue(locs(Files.readString(site.resolve("current").resolve(last))).contains(url), last + " lists the new page");
        assertTrue(report.written().contains(last), report.written().toString());
        assertTrue(report.written().contains("sitemap-fi.xml"), "the home's lastmod moved: " + report.written());
        List<String> between = shards.subList(1, (int) Math.min(beforeFi, shards.size()) - 1);
        assertFalse(between.isEmpty(), "shards between the first and the last: " + shards);
        assertTrue(between.stream().noneMatch(report.written()::contains), report.written().toString());
    }

    private static List<String> locs(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = LOC.matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
