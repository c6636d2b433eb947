package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.Api;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blog index and tag pages of a site made for them, with pages of three entries: Finnish has exactly
 * one page of blog posts, Swedish one more than a page, and drafts, scheduled and unpublished versions
 * that must stay out of every listing.
 */
@MicronautTest(transactional = false)
class ListingPagesTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());
    private static final Pattern ENTRY = Pattern.compile("<h2><a href=\"([^\"]+)\">([^<]+)</a></h2>");

    @Inject
    SiteBuilder builder;

    @Inject
    Documents content;

    @Inject
    Transitions transitions;

    private Path site;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false", "laituri.site.page-size", "3");
    }

    @BeforeAll
    void publishListedContent() throws IOException {
        for (int day = 1; day <= 3; day++) {
            publish("blog_post", "fi", "Blogi " + day, day, List.of("kotoutuminen"));
        }
        publish("article", "fi", "Artikkeli", 4, List.of("Kotoutuminen", "kumppanuus"));
        publish("article", "fi", "Vanha artikkeli", null, List.of("kotoutuminen"));
        for (int day = 1; day <= 4; day++) {
            publish("blog_post", "sv", "Blogg " + day, day, List.of("integration"));
        }
        draft("blog_post", "fi", "Luonnos", 9, List.of("kotoutuminen"));
        long scheduled = draft("blog_post", "fi", "Ajastettu", 9, List.of("kotoutuminen"));
        transitions.apply(scheduled, "fi", "submit", null, null, EDITOR);
        transitions.apply(scheduled, "fi", "approve", null, null, PUBLISHER);
        transitions.apply(scheduled, "fi", "publish", null, OffsetDateTime.now().plusDays(1), PUBLISHER);
        long withdrawn = publish("blog_post", "fi", "Poistettu", 9, List.of("kotoutuminen"));
        transitions.apply(withdrawn, "fi", "unpublish", null, null, PUBLISHER);

        site = Files.createTempDirectory("laituri-listings");
        builder.build(site);
    }

    private long draft(String kind, String language, String title, Integer day, List<String> tags) {
        OffsetDateTime date = day == null ? null : OffsetDateTime.parse("2024-03-0" + day + "T10:00:00+02:00");
        return content.createDocument(new Api.CreateDocument(kind, null, List.of(new Api.VariantInput(language, title,
                null, "Tiivistelmä: " + title, "Teksti.", tags, null, date))), EDITOR).id();
    }

    private long publish(String kind, String language, String title, Integer day, List<String> tags) {
        long id = draft(kind, language, title, day, tags);
        transitions.apply(id, language, "submit", null, null, EDITOR);
        transitions.apply(id, language, "approve", null, null, PUBLISHER);
        transitions.apply(id, language, "publish", null, null, PUBLISHER);
        return id;
    }

    private String read(String path) throws IOException {
        return Files.readString(site.resolve("current").resolve(path.substring(1) + (path.endsWith("/") ? "index.html" : "")));
    }

    private boolean built(String path) {
        return Files.isRegularFile(site.resolve("current").resolve(path.substring(1) + "index.html"));
    }

    private static List<String> titles(String html) {
        List<String> titles = new ArrayList<>();
        Matcher entry = ENTRY.matcher(html);
        while (entry.find()) {
            titles.add(entry.group(2));
        }
        return titles;
    }

    @Test
    void exactlyAPageOfPostsMakesOneBlogPageNewestFirstWithNoPagination() throws IOException {
        String html = read("/fi/blog/");

        assertEquals(List.of("Blogi 3", "Blogi 2", "Blogi 1"), titles(html));
        assertFalse(built("/fi/blog/2/"));
        assertFalse(html.contains("class=\"pagination\""), html);
        assertFalse(html.contains("rel=\"next\""), html);
    }

    @Test
    void onePostMoreThanAPageMakesASecondBlogPageWithTheOldestPost() throws IOException {
        assertEquals(List.of("Blogg 4", "Blogg 3", "Blogg 2"), titles(read("/sv/blog/")));
        assertEquals(List.of("Blogg 1"), titles(read("/sv/blog/2/")));
        assertFalse(built("/sv/blog/3/"));
    }

    @Test
    void blogPagesLinkEachOtherWithRelPrevNextAndMarkTheCurrentPage() throws IOException {
        String first = read("/sv/blog/");
        String second = read("/sv/blog/2/");

        assertTrue(first.contains("<link rel=\"next\" href=\"/sv/blog/2/\">"), first);
        assertFalse(first.contains("rel=\"prev\""), first);
        assertTrue(second.contains("<link rel=\"prev\" href=\"/sv/blog/\">"), second);
        String nav = between(second, "<nav class=\"pagination\" aria-label=\"Sidor\">", "</nav>");
        assertTrue(nav.contains("<a href=\"/sv/blog/\" rel=\"prev\">"), nav);
        assertTrue(nav.contains("<a href=\"/sv/blog/2/\" aria-current=\"page\"><span class=\"visually-hidden\">Sida </span>2</a>"), nav);
        assertTrue(nav.contains("<a href=\"/sv/blog/\"><span class=\"visually-hidden\">Sida </span>1</a>"), nav);
        assertTrue(second.contains("<title>Blogg – sida 2 – Partnerskapsprogrammet för integration</title>"), second);
        assertTrue(second.contains("<link rel=\"canonical\" href=\"http://localhost:8080/sv/blog/2/\">"), second);
    }

    @Test
    void aBlogEntryHasItsLinkDateInTheLanguagesFormatAuthorsSummaryAndTagLinks() throws IOException {
        String html = read("/fi/blog/");

        assertTrue(html.contains("<h2><a href=\"/fi/blogi-3/\">Blogi 3</a></h2>"), html);
        assertTrue(html.contains("<time datetime=\"2024-03-03T10:00+02:00\">3.3.2024</time>"), html);
        assertTrue(html.contains("<p>Tiivistelmä: Blogi 3</p>"), html);
        assertTrue(html.contains("<a href=\"/fi/tags/kotoutuminen/\" rel=\"tag\">kotoutuminen</a>"), html);
    }

    @Test
    void theBlogIndexHasBreadcrumbsToTheHomeAndIsLinkedFromTheHeaderAndTheHome() throws IOException {
        String blog = read("/fi/blog/");
        String home = read("/fi/");

        assertTrue(blog.contains("<nav class=\"breadcrumbs\" aria-label=\"Murupolku\">\n<ol>\n<li><a href=\"/fi/\">Etusivu</a></li>\n"
                + "<li aria-current=\"page\">Blogi</li>\n</ol>\n</nav>"), blog);
        assertTrue(between(home, "<nav class=\"site-nav\"", "</nav>").contains("<a href=\"/fi/blog/\">Blogi</a>"), home);
        assertTrue(between(home, "<main", "</main>").contains("<a href=\"/fi/blog/\">Kaikki blogikirjoitukset</a>"), home);
    }

    @Test
    void aTagPageListsEverythingLiveInItsLanguageWithTheTagAndMergesSpellingsOfOneSlug() throws IOException {
        String html = read("/fi/tags/kotoutuminen/");

        // By publication: the undated article has its first publication, today, so it is the newest.
        assertEquals(List.of("Vanha artikkeli", "Artikkeli", "Blogi 3"), titles(html));
        assertEquals(List.of("Blogi 2", "Blogi 1"), titles(read("/fi/tags/kotoutuminen/2/")));
        assertTrue(html.contains("<h1>Aihe: kotoutuminen</h1>"), html);
        assertTrue(html.contains("<nav class=\"breadcrumbs\" aria-label=\"Murupolku\">\n<ol>\n<li><a href=\"/fi/\">Etusivu</a></li>\n"
                + "<li><a href=\"/fi/tags/\">Aiheet</a></li>\n<li aria-current=\"page\">kotoutuminen</li>\n</ol>\n</nav>"), html);
        assertEquals(List.of("Artikkeli"), titles(read("/fi/tags/kumppanuus/")));
    }

    @Test
    void onATagPageTheLanguageSwitcherLeadsToTheOtherLanguagesTagIndexes() throws IOException {
        String switcher = between(read("/fi/tags/kotoutuminen/2/"), "<nav class=\"language-switcher\"", "</nav>");

        assertTrue(switcher.contains("<a href=\"/fi/tags/kotoutuminen/2/\" lang=\"fi\" hreflang=\"fi\" aria-current=\"true\">"), switcher);
        assertTrue(switcher.contains("<a href=\"/sv/tags/\" lang=\"sv\" hreflang=\"sv\">"), switcher);
        assertTrue(switcher.contains("<a href=\"/selko/tags/\" lang=\"fi\" hreflang=\"fi\">"), switcher);
    }

    @Test
    void theTagsIndexListsEachTagOnceWithHowManyPagesCarryIt() throws IOException {
        String html = read("/fi/tags/");

        String index = between(html, "<ul class=\"tag-index\">", "</ul>");
        assertEquals("<ul class=\"tag-index\">\n"
                + "<li><a href=\"/fi/tags/kotoutuminen/\" rel=\"tag\">kotoutuminen</a> <span class=\"count\">5 sivua</span></li>\n"
                + "<li><a href=\"/fi/tags/kumppanuus/\" rel=\"tag\">kumppanuus</a> <span class=\"count\">1 sivu</span></li>\n", index);
        assertTrue(read("/sv/tags/").contains("<a href=\"/sv/tags/integration/\" rel=\"tag\">integration</a> <span class=\"count\">4 sidor</span>"));
    }

    @Test
    void tagsOnAContentPageLinkToTheirTagPages() throws IOException {
        String html = read("/fi/artikkeli/");

        assertTrue(html.contains("<a href=\"/fi/tags/kotoutuminen/\" rel=\"tag\">Kotoutuminen</a>, "
                + "<a href=\"/fi/tags/kumppanuus/\" rel=\"tag\">kumppanuus</a>"), html);
    }

    @Test
    void draftsScheduledAndUnpublishedVersionsAreOnNoListing() throws IOException {
        List<String> listings = new ArrayList<>();
        Path root = site.resolve("current").toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path page : walk.filter(p -> p.toString().endsWith(".html")).toList()) {
                listings.add(Files.readString(page));
            }
        }

        for (String hidden : List.of("Luonnos", "Ajastettu", "Poistettu")) {
            assertFalse(listings.stream().anyMatch(html -> html.contains(hidden)), hidden);
        }
    }

    @Test
    void theSameContentBuildsByteIdenticalListings(@TempDir Path first, @TempDir Path second) throws IOException {
        builder.build(first);
        builder.build(second);

        for (String path : List.of("fi/blog/index.html", "sv/blog/2/index.html", "fi/tags/index.html",
                "fi/tags/kotoutuminen/index.html", "fi/tags/kotoutuminen/2/index.html", "fi/404.html", "fi/search/index.html")) {
            assertArrayEquals(Files.readAllBytes(first.resolve("current").resolve(path)),
                    Files.readAllBytes(second.resolve("current").resolve(path)), path);
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in " + text);
        return text.substring(from, text.indexOf(end, from));
    }
}
