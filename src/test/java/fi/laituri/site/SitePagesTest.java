package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every built page of the seed site carries: language, metadata, navigation and accessibility. */
@MicronautTest(transactional = false)
class SitePagesTest extends DatabaseTest {

    private static final String BASE = "http://localhost:8080";
    private static final String FI_GOALS = "/fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/";
    private static final String SV_GOALS = "/sv/malen-och-principerna-i-partnerskapsprogrammet/";
    private static final String SELKO_GOALS = "/selko/mita-kumppanuusohjelma-tavoittelee/";
    private static final String BLOG = "/fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/";

    /** Elements a keyboard user can tab to; tabindex="-1" is not one of them. */
    private static final Pattern FOCUSABLE = Pattern.compile(
            "<(?:a\\b[^>]*\\bhref=|button\\b|input\\b|select\\b|textarea\\b|summary\\b|iframe\\b"
                    + "|[a-z][a-z0-9]*\\b[^>]*\\btabindex=\"[0-9])[^>]*>");
    private static final Pattern HEADING = Pattern.compile("<h([1-6])[\\s>]");
    private static final Pattern HREF = Pattern.compile("\\shref=\"([^\"]*)\"");

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    private Path site;
    private List<String> pages;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void buildTheSeedSite() throws IOException {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
        site = Files.createTempDirectory("laituri-site-pages");
        builder.build(site);
        Path root = site.resolve("current").toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).map(p -> "/" + root.relativize(p)).sorted().toList();
        }
        assertTrue(pages.size() > 10, pages.toString());
    }

    private String read(String path) {
        try {
            return Files.readString(site.resolve("current").resolve(path.substring(1) + (path.endsWith("/") ? "index.html" : "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/|fi|Kumppanuusohjelman tavoitteet ja periaatteet edistävät inklusiivisen yhteiskunnan toteutumista – Kotoutumisen kumppanuusohjelma",
        "/sv/malen-och-principerna-i-partnerskapsprogrammet/|sv|Målen och principerna i partnerskapsprogrammet främjar förverkligandet av ett inklusivt samhälle – Partnerskapsprogrammet för integration",
        "/selko/mita-kumppanuusohjelma-tavoittelee/|fi|Mitä kumppanuusohjelma tavoittelee? – Kotoutumisen kumppanuusohjelma",
        "/fi/|fi|Etusivu – Kotoutumisen kumppanuusohjelma",
        "/sv/|sv|Startsida – Partnerskapsprogrammet för integration",
        "/selko/|fi|Selkosuomeksi – Kotoutumisen kumppanuusohjelma"})
    void eachPageTypeInEachLanguageHasItsLangTitleDescriptionAndAbsoluteCanonical(String path, String lang, String title) {
        String html = read(path);

        assertTrue(html.contains("<html lang=\"" + lang + "\">"), html);
        assertTrue(html.contains("<title>" + title + "</title>"), html);
        assertTrue(html.contains("<link rel=\"canonical\" href=\"" + BASE + path + "\">"), html);
        assertTrue(html.contains("<meta property=\"og:url\" content=\"" + BASE + path + "\">"), html);
        assertTrue(html.contains("<meta property=\"og:locale\" content=\"" + lang + "_FI\">"), html);
        Matcher description = Pattern.compile("<meta name=\"description\" content=\"([^\"]+)\">").matcher(html);
        assertTrue(description.find(), html);
        assertTrue(html.contains("<meta property=\"og:description\" content=\"" + description.group(1) + "\">"), html);
    }

    @Test
    void aContentPagesDescriptionIsItsSummaryAndItsOgTitleItsTitle() {
        String html = read(SELKO_GOALS);

        assertTrue(html.contains("<meta name=\"description\" content=\"Kumppanuusohjelmalla on kolme tavoitetta ja neljä periaatetta. "
                + "Tällä sivulla kerromme niistä selkokielellä.\">"), html);
        assertTrue(html.contains("<meta property=\"og:title\" content=\"Mitä kumppanuusohjelma tavoittelee?\">"), html);
    }

    @Test
    void everyPageHasAUniqueTitle() {
        List<String> titles = pages.stream().map(p -> between(read(p), "<title>", "</title>")).toList();

        assertEquals(titles.size(), titles.stream().distinct().count(), titles.toString());
    }

    @Test
    void onEveryPageTheSkipLinkIsTheFirstFocusableElementAndLeadsToMain() {
        for (String page : pages) {
            String html = read(page);
            Matcher first = FOCUSABLE.matcher(html);
            assertTrue(first.find(), page);
            assertEquals("<a class=\"skip-link\" href=\"#content\">", first.group(), page);
            assertEquals(1, count(html, "id=\"content\""), page);
            assertTrue(html.contains("<main id=\"content\" tabindex=\"-1\">"), page);
        }
    }

    @Test
    void everyPageHasOneMainOneH1AndNoSkippedHeadingLevels() {
        for (String page : pages) {
            String html = read(page);
            assertEquals(1, count(html, "<main"), page);
            List<Integer> levels = new ArrayList<>();
            Matcher heading = HEADING.matcher(html);
            while (heading.find()) {
                levels.add(Integer.parseInt(heading.group(1)));
            }
            assertEquals(1, levels.stream().filter(l -> l == 1).count(), page + " " + levels);
            assertEquals(1, levels.get(0), page + " " + levels);
            for (int i = 1; i < levels.size(); i++) {
                assertTrue(levels.get(i) <= levels.get(i - 1) + 1, page + " skips a level: " + levels);
            }
        }
    }

    @Test
    void everyLinkWithinTheSiteLeadsToABuiltFile() {
        for (String page : pages) {
            Matcher href = HREF.matcher(read(page));
            while (href.find()) {
                String url = href.group(1).replaceAll("#.*", "");
                if (url.startsWith("/")) {
                    Path target = site.resolve("current").resolve(url.substring(1) + (url.endsWith("/") ? "index.html" : ""));
                    assertTrue(Files.isRegularFile(target), page + " links to missing " + url);
                }
            }
        }
    }

    @Test
    void theLanguageSwitcherLinksEachLanguagesVersionOrElseItsHomeAndMarksTheCurrentOne() {
        String html = read(FI_GOALS);

        String switcher = between(html, "<nav class=\"language-switcher\" aria-label=\"Kieli\">", "</nav>");
        assertTrue(switcher.contains("<a href=\"" + FI_GOALS + "\" lang=\"fi\" hreflang=\"fi\" aria-current=\"true\">Suomi</a>"), switcher);
        assertTrue(switcher.contains("<a href=\"" + SV_GOALS + "\" lang=\"sv\" hreflang=\"sv\">Svenska</a>"), switcher);
        assertTrue(switcher.contains("<a href=\"" + SELKO_GOALS + "\" lang=\"fi\" hreflang=\"fi\">Selkosuomi</a>"), switcher);
        String blog = between(read(BLOG), "<nav class=\"language-switcher\"", "</nav>");
        assertTrue(blog.contains("<a href=\"/sv/\" lang=\"sv\" hreflang=\"sv\">Svenska</a>"), blog);
        assertTrue(blog.contains("<a href=\"/selko/\" lang=\"fi\" hreflang=\"fi\">Selkosuomi</a>"), blog);
    }

    @Test
    void alternatesNameEachLiveTranslationOncePerHreflangIncludingItselfAndXDefault() {
        String html = read(SV_GOALS);

        assertTrue(html.contains("<link rel=\"alternate\" hreflang=\"fi\" href=\"" + BASE + FI_GOALS + "\">"), html);
        assertTrue(html.contains("<link rel=\"alternate\" hreflang=\"sv\" href=\"" + BASE + SV_GOALS + "\">"), html);
        assertTrue(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + BASE + FI_GOALS + "\">"), html);
        assertEquals(1, count(html, "hreflang=\"fi\" href="), html);
        assertFalse(html.contains("href=\"" + BASE + SELKO_GOALS + "\""), html);
    }

    @Test
    void thePlainLanguagePageAndItsStandardFinnishPageLinkToEachOtherVisibly() {
        String selko = read(SELKO_GOALS);
        String finnish = read(FI_GOALS);

        assertTrue(selko.contains("<p class=\"plain-language-label\">Selkosuomi</p>"), selko);
        assertTrue(selko.contains("<a href=\"" + FI_GOALS + "\">Lue sama asia yleiskielellä.</a>"), selko);
        assertTrue(finnish.contains("<a href=\"" + SELKO_GOALS + "\">Selkosuomeksi</a>"), finnish);
        assertFalse(read("/fi/toimintasuunnitelma-2021-2022/").contains(">Selkosuomeksi</a>"));
    }

    @Test
    void breadcrumbsLeadFromTheHomeToTheCurrentPage() {
        String html = read(SV_GOALS);

        String crumbs = between(html, "<nav class=\"breadcrumbs\" aria-label=\"Brödsmulor\">", "</nav>");
        assertTrue(crumbs.contains("<ol>\n<li><a href=\"/sv/\">Startsida</a></li>\n"
                + "<li aria-current=\"page\">Målen och principerna i partnerskapsprogrammet främjar förverkligandet av ett inklusivt samhälle</li>\n</ol>"), crumbs);
    }

    @Test
    void aBlogPostNamesItsAuthorWithTitleAndOrganisationAndItsPublicationTime() {
        String html = read(BLOG);

        assertTrue(html.contains("<span class=\"author-name\">Varpu Taarna</span>, erityisasiantuntija, "
                + "Kotoutumisen osaamiskeskus, työ- ja elinkeinoministeriö"), html);
        assertTrue(html.contains("Julkaisupäivä <time datetime=\"2023-09-08T12:25+03:00\">8.9.2023 12.25</time>"), html);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/fi/|/fi/saavutettavuusseloste/|Saavutettavuusseloste|/fi/tietosuojaseloste/|Tietosuojaseloste|#palaute",
        "/sv/|/sv/tillganglighetsutlatande/|Tillgänglighetsutlåtande|/sv/dataskyddsbeskrivning/|Dataskyddsbeskrivning|#respons",
        "/selko/mita-kumppanuusohjelma-tavoittelee/|/selko/saavutettavuus/|Saavutettavuus|/selko/tietosuoja/|Tietosuoja|#palaute"})
    void theFooterLinksTheAccessibilityStatementPrivacyNoticeAndTheFeedbackFormInThePagesLanguage(
            String page, String accessibility, String accessibilityName, String privacy, String privacyName, String feedback) {
        String footer = between(read(page), "<footer class=\"site-footer\">", "</footer>");

        assertTrue(footer.contains("<a href=\"" + accessibility + "\">" + accessibilityName + "</a>"), footer);
        assertTrue(footer.contains("<a href=\"" + privacy + "\">" + privacyName + "</a>"), footer);
        // The feedback link leads to the feedback form of the page's language, naming the page it came from.
        String language = page.substring(1, page.indexOf('/', 1));
        assertTrue(footer.contains("/participation/feedback?lang=" + language + "&amp;page="), footer);
        assertTrue(footer.contains(java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8) + "\">"), footer);
        assertTrue(read(accessibility).contains("id=\"" + feedback.substring(1) + "\""), accessibility);
    }

    @Test
    void everyPageHasAHeaderSearchFormWithAVisibleLabelAndItsLanguagesCode() {
        for (String page : pages) {
            String html = read(page);
            String code = page.startsWith("/sv/") ? "sv" : page.startsWith("/selko/") ? "selko" : "fi";
            String form = between(html, "<form class=\"site-search\" role=\"search\" action=\"/search\" method=\"get\" aria-label=\"", "</form>");
            assertTrue(form.contains("<label for=\"site-search-q\">"), page + form);
            assertTrue(form.contains("<input type=\"search\" id=\"site-search-q\" name=\"q\">"), page + form);
            assertTrue(form.contains("<input type=\"hidden\" name=\"lang\" value=\"" + code + "\">"), page + form);
        }
    }

    @Test
    void everyPagesHeaderNavLinksItsLanguagesHomeAndBlog() {
        for (String page : pages) {
            String prefix = page.startsWith("/sv/") ? "/sv/" : page.startsWith("/selko/") ? "/selko/" : "/fi/";
            String nav = between(read(page), "<nav class=\"site-nav\"", "</nav>");
            assertTrue(nav.contains("<a href=\"" + prefix + "\">"), page + nav);
            assertTrue(nav.contains("<a href=\"" + prefix + "blog/\">"), page + nav);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/fi/404.html|fi|Sivua ei löytynyt|/fi/|Siirry etusivulle|fi",
        "/sv/404.html|sv|Sidan hittades inte|/sv/|Gå till startsidan|sv",
        "/selko/404.html|fi|Sivua ei ole|/selko/|Mene etusivulle|selko",
        "/404.html|fi|Sivua ei löytynyt|/fi/|Siirry etusivulle|fi"})
    void eachLanguageHasA404PageThatLinksHomeAndOffersTheSearchForm(String path, String lang, String heading, String home,
                                                                     String homeLink, String code) {
        String html = read(path);

        assertTrue(html.contains("<html lang=\"" + lang + "\">"), html);
        assertTrue(html.contains("<h1>" + heading + "</h1>"), html);
        String main = between(html, "<main", "</main>");
        assertTrue(main.contains("<a href=\"" + home + "\">" + homeLink + "</a>"), main);
        assertTrue(main.contains("<form class=\"search-form\" role=\"search\" action=\"/search\" method=\"get\""), main);
        assertTrue(main.contains("<input type=\"hidden\" name=\"lang\" value=\"" + code + "\">"), main);
        assertFalse(html.contains("rel=\"canonical\""), "a 404 page is served at any address: " + html);
    }

    @Test
    void theSiteWide404PageOffersEveryLanguage() {
        String main = between(read("/404.html"), "<main", "</main>");

        assertTrue(main.contains("<a href=\"/sv/\" lang=\"sv\" hreflang=\"sv\">Svenska</a>"), main);
        assertTrue(main.contains("<a href=\"/selko/\" lang=\"fi\" hreflang=\"fi\">Selkosuomi</a>"), main);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/fi/search/|Haku|Hakusanat|fi",
        "/sv/search/|Sök|Sökord|sv",
        "/selko/search/|Etsi tietoa|Sana, jota etsit|selko"})
    void eachLanguageHasASearchPageWithAGetFormForTheSearchEndpoint(String path, String heading, String label, String code) {
        String html = read(path);

        assertTrue(html.contains("<h1 id=\"search-title\">" + heading + "</h1>"), html);
        String form = between(html, "<form class=\"search-form\" role=\"search\" action=\"/search\" method=\"get\" aria-labelledby=\"search-title\">", "</form>");
        assertTrue(form.contains("<label for=\"search-q\">" + label + "</label>"), form);
        assertTrue(form.contains("<input type=\"search\" id=\"search-q\" name=\"q\" required>"), form);
        assertTrue(form.contains("<input type=\"hidden\" name=\"lang\" value=\"" + code + "\">"), form);
        assertTrue(html.contains("<li aria-current=\"page\">" + heading + "</li>"), html);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in " + text);
        return text.substring(from, text.indexOf(end, from));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
