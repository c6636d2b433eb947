package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.Api;
import fi.laituri.content.ContentFolder;
import fi.laituri.content.Documents;
import fi.laituri.content.Kind;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Atom feeds, sitemaps and robots.txt of the seed site, read back from real files. */
@MicronautTest(transactional = false)
class FeedsAndSitemapsTest extends DatabaseTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String BASE = "https://laituri.example";
    private static final List<String> FEEDS = List.of("feed.xml", "fi/feed.xml", "sv/feed.xml", "selko/feed.xml");
    private static final List<String> SITEMAP_FILES = List.of("sitemap-fi.xml", "sitemap-sv.xml", "sitemap-selko.xml");
    /** RFC 3339 date-time (section 5.6): seconds required, offset Z or ±hh:mm. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    Documents content;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false", "laituri.site.base-url", BASE + "/");
    }

    @BeforeAll
    void importSeedContent() {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
    }

    private static Path current(Path site) throws IOException {
        return site.resolve("current").toRealPath();
    }

    private static Document parse(Path site, String path) throws IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = Files.newInputStream(current(site).resolve(path))) {
            return factory.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError(path + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void assertValid(Path site, String path, String... schemas) throws IOException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Source[] sources = Stream.of(schemas)
                .map(s -> new StreamSource(FeedsAndSitemapsTest.class.getResource("/schemas/" + s).toExternalForm()))
                .toArray(Source[]::new);
        try {
            Schema schema = factory.newSchema(sources);
            schema.newValidator().validate(new StreamSource(current(site).resolve(path).toFile()));
        } catch (SAXException e) {
            throw new AssertionError(path + " is not valid against " + List.of(schemas) + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        assertEquals(1, found.size(), "exactly one " + name);
        return found.get(0).getTextContent();
    }

    private static List<Element> all(Document doc, String namespace, String name) {
        NodeList list = doc.getElementsByTagNameNS(namespace, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /**
     * RFC 4287's schema is RELAX NG (its appendix B), which the JDK cannot validate, so the constraints
     * that schema expresses for feeds and entries are checked here directly.
     */
    private static void assertAtom(String path, Document doc) {
        Element feed = doc.getDocumentElement();
        assertEquals(ATOM, feed.getNamespaceURI(), path);
        assertEquals("feed", feed.getLocalName(), path);
        for (String required : List.of("id", "title", "updated")) {
            assertEquals(1, children(feed, ATOM, required).size(), path + ": the feed has exactly one " + required);
        }
        assertTrue(RFC_3339.matcher(text(feed, ATOM, "updated")).matches(), path);
        List<Element> entries = children(feed, ATOM, "entry");
        if (children(feed, ATOM, "author").isEmpty()) {
            entries.forEach(e -> assertFalse(children(e, ATOM, "author").isEmpty(), path + ": an entry has no author"));
        }
        for (Element entry : entries) {
            for (String required : List.of("id", "title", "updated")) {
                assertEquals(1, children(entry, ATOM, required).size(), path + ": an entry has exactly one " + required);
            }
            assertTrue(RFC_3339.matcher(text(entry, ATOM, "updated")).matches(), path);
            children(entry, ATOM, "published")
                    .forEach(p -> assertTrue(RFC_3339.matcher(p.getTextContent()).matches(), path));
            assertTrue(children(entry, ATOM, "link").stream().anyMatch(l -> l.getAttribute("rel").equals("alternate")
                    && l.getAttribute("href").startsWith(BASE + "/")), path + ": an entry links to its page");
            children(entry, ATOM, "author").forEach(a -> assertEquals(1, children(a, ATOM, "name").size(), path));
            children(entry, ATOM, "category").forEach(c -> assertFalse(c.getAttribute("term").isEmpty(), path));
        }
    }

    @Test
    void everyFeedIsWellFormedAtomWithItsEntriesNewestFirst(@TempDir Path site) throws IOException {
        builder.build(site);

        for (String path : FEEDS) {
            Document doc = parse(site, path);
            assertAtom(path, doc);
            List<String> updated = children(doc.getDocumentElement(), ATOM, "entry").stream()
                    .map(e -> text(e, ATOM, "updated")).toList();
            List<OffsetDateTime> times = updated.stream().map(OffsetDateTime::parse).toList();
            for (int i = 1; i < times.size(); i++) {
                assertFalse(times.get(i).isAfter(times.get(i - 1)), path + ": " + updated);
            }
            if (!times.isEmpty()) {
                assertEquals(times.get(0).toInstant(),
                        OffsetDateTime.parse(text(doc.getDocumentElement(), ATOM, "updated")).toInstant(), path);
            }
        }
    }

    @Test
    void theFinnishBlogFeedCarriesTheSeedPostWithItsAuthorDateAndTags(@TempDir Path site) throws IOException {
        builder.build(site);

        Element feed = parse(site, "fi/feed.xml").getDocumentElement();
        assertEquals("fi", feed.getAttributeNS(XMLConstants.XML_NS_URI, "lang"));
        List<Element> entries = children(feed, ATOM, "entry");
        assertEquals(1, entries.size(), "only blog posts");
        Element post = entries.get(0);
        String url = BASE + "/fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/";
        assertEquals(url, text(post, ATOM, "id"));
        assertEquals(url, children(post, ATOM, "link").get(0).getAttribute("href"));
        assertTrue(text(post, ATOM, "title").startsWith("Kumppanuusohjelmaa pidetään hyödyllisenä"));
        assertEquals("2023-09-08T12:25:00+03:00", text(post, ATOM, "updated"));
        assertEquals("2023-09-08T12:25:00+03:00", text(feed, ATOM, "updated"));
        assertEquals(List.of("Varpu Taarna"),
                children(post, ATOM, "author").stream().map(a -> text(a, ATOM, "name")).toList());
        assertEquals(List.of("blogit", "kumppanuusohjelma", "kumppanuusbaro"),
                children(post, ATOM, "category").stream().map(c -> c.getAttribute("term")).toList());
        assertTrue(text(post, ATOM, "summary").startsWith("Tuoreen Kumppanuusbaron"));
    }

    @Test
    void theSiteFeedHasEveryLiveVersionEachInItsOwnLanguage(@TempDir Path site) throws IOException {
        builder.build(site);

        Map<String, String> langs = new HashMap<>();
        for (Element entry : children(parse(site, "feed.xml").getDocumentElement(), ATOM, "entry")) {
            langs.put(text(entry, ATOM, "id"), entry.getAttributeNS(XMLConstants.XML_NS_URI, "lang"));
        }
        assertEquals("sv", langs.get(BASE + "/sv/malen-och-principerna-i-partnerskapsprogrammet/"));
        assertEquals("fi", langs.get(BASE + "/selko/mita-kumppanuusohjelma-tavoittelee/"));
        assertEquals("fi", langs.get(BASE + "/fi/kotoutuminen-fi-blogi-tarjoaa-nakokulmia-kotoutumiseen/"));
        assertEquals("fi", langs.get(BASE + "/fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/"));
    }

    @Test
    void theSitemapIndexAndEverySitemapAreValidAgainstTheProtocolSchemas(@TempDir Path site) throws IOException {
        builder.build(site);

        assertValid(site, "sitemap.xml", "siteindex.xsd");
        Element index = parse(site, "sitemap.xml").getDocumentElement();
        assertEquals(SITEMAP_FILES.stream().map(f -> BASE + "/" + f).toList(),
                children(index, SITEMAPS, "sitemap").stream().map(s -> text(s, SITEMAPS, "loc")).toList());
        for (String path : SITEMAP_FILES) {
            assertValid(site, path, "sitemap.xsd", "xhtml-link.xsd");
        }
    }

    @Test
    void eachSitemapListsItsLanguagesHomeAndPages(@TempDir Path site) throws IOException {
        builder.build(site);

        List<String> fi = locs(parse(site, "sitemap-fi.xml"));
        assertEquals(BASE + "/fi/", fi.get(0));
        assertTrue(fi.contains(BASE + "/fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/"), fi.toString());
        assertTrue(fi.stream().allMatch(u -> u.startsWith(BASE + "/fi/")), fi.toString());
        List<String> selko = locs(parse(site, "sitemap-selko.xml"));
        assertTrue(selko.containsAll(List.of(BASE + "/selko/", BASE + "/selko/mita-kumppanuusohjelma-tavoittelee/")));
    }

    @Test
    void eachSitemapListsTheFirstPageOfItsLanguagesBlogIndexButNoTagPages(@TempDir Path site) throws IOException {
        builder.build(site);

        List<String> sv = locs(parse(site, "sitemap-sv.xml"));
        assertEquals(BASE + "/sv/blog/", sv.get(1));
        assertEquals(Map.of("fi", BASE + "/fi/blog/", "sv", BASE + "/sv/blog/", "x-default", BASE + "/fi/blog/"),
                alternates(site).get(BASE + "/sv/blog/"));
        assertFalse(sv.stream().anyMatch(u -> u.contains("/tags/")), sv.toString());
    }

    private static List<String> locs(Document sitemap) {
        return children(sitemap.getDocumentElement(), SITEMAPS, "url").stream().map(u -> text(u, SITEMAPS, "loc")).toList();
    }

    /** Every url's alternates, by hreflang, across all the sitemaps. */
    private static Map<String, Map<String, String>> alternates(Path site) throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String path : SITEMAP_FILES) {
            for (Element url : children(parse(site, path).getDocumentElement(), SITEMAPS, "url")) {
                Map<String, String> links = new HashMap<>();
                for (Element link : children(url, XHTML, "link")) {
                    assertEquals("alternate", link.getAttribute("rel"));
                    String previous = links.put(link.getAttribute("hreflang"), link.getAttribute("href"));
                    assertEquals(null, previous, "one alternate per hreflang in " + text(url, SITEMAPS, "loc"));
                }
                out.put(text(url, SITEMAPS, "loc"), links);
            }
        }
        return out;
    }

    @Test
    void hreflangAlternatesAreReciprocalAndIncludeThePageItself(@TempDir Path site) throws IOException {
        builder.build(site);

        Map<String, Map<String, String>> alternates = alternates(site);
        alternates.forEach((url, links) -> {
            if (!links.isEmpty()) {
                assertTrue(links.containsValue(url), url + " lists itself: " + links);
            }
            links.forEach((hreflang, other) -> {
                assertTrue(alternates.containsKey(other), url + " names " + other + ", which no sitemap lists");
                assertTrue(alternates.get(other).containsValue(url), other + " does not point back at " + url);
            });
        });
        String fi = BASE + "/fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/";
        String sv = BASE + "/sv/malen-och-principerna-i-partnerskapsprogrammet/";
        assertEquals(Map.of("fi", fi, "sv", sv, "x-default", fi), alternates.get(fi));
        assertEquals(Map.of("fi", fi, "sv", sv, "x-default", fi), alternates.get(sv));
        assertEquals(Map.of("fi", BASE + "/fi/", "sv", BASE + "/sv/", "x-default", BASE + "/fi/"),
                alternates.get(BASE + "/sv/"));
    }

    @Test
    void aPlainLanguagePageIsNoAlternateWhereItsHreflangWouldClashWithTheFinnishOne(@TempDir Path site)
            throws IOException {
        builder.build(site);

        Map<String, Map<String, String>> alternates = alternates(site);
        String selko = BASE + "/selko/mita-kumppanuusohjelma-tavoittelee/";
        assertEquals(Map.of(), alternates.get(selko));
        assertFalse(alternates.values().stream().anyMatch(links -> links.containsValue(selko)));
    }

    @Test
    void robotsAllowsAllAndNamesTheSitemapIndex(@TempDir Path site) throws IOException {
        builder.build(site);

        String robots = Files.readString(current(site).resolve("robots.txt"));
        assertTrue(robots.contains("User-agent: *\n"), robots);
        assertTrue(robots.contains("Sitemap: " + BASE + "/sitemap.xml\n"), robots);
        assertFalse(robots.contains("Disallow: /"), robots);
    }

    @Test
    void draftsAreInNoFeedOrSitemap(@TempDir Path site) throws IOException {
        String unique = "luonnos-" + Long.toHexString(System.nanoTime());
        content.createDocument(new Api.CreateDocument(Kind.BLOG_POST.code(), null,
                List.of(new Api.VariantInput("fi", "Luonnos " + unique, unique, "Tiivistelmä " + unique,
                        "Ei vielä.", null, null, null))), EDITOR);

        builder.build(site);

        for (String path : Stream.concat(FEEDS.stream(), Stream.concat(SITEMAP_FILES.stream(), Stream.of("sitemap.xml")))
                .toList()) {
            assertFalse(Files.readString(current(site).resolve(path)).contains(unique), path);
        }
    }

    @Test
    void twoBuildsOfTheSameContentGiveByteIdenticalFeedsAndSitemaps(@TempDir Path first, @TempDir Path second)
            throws IOException {
        builder.build(first);
        builder.build(second);

        List<String> files = Stream.of(FEEDS, SITEMAP_FILES, List.of("sitemap.xml", "robots.txt"))
                .flatMap(List::stream).toList();
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(current(first).resolve(f)), Files.readAllBytes(current(second).resolve(f)), f);
        }
    }
}
