package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the portal that are plain code: order of the newest items, the lead, the statement, the theme. */
class PortalContentTest {

    private static final Language FI = new Language("fi", "Suomi", "fi", "fi", "finnish", Optional.empty(), false);
    private static final Path TEMPLATES = Path.of("site-templates");

    private static LiveVariant version(String key, String kind, OffsetDateTime date, OffsetDateTime firstPublished,
                                       String body) {
        return new LiveVariant(1, key, kind, "fi", key, key, "", body, List.of(), List.of(), date, 1, firstPublished,
                firstPublished);
    }

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time);
    }

    @Test
    void theNewestItemsAreOrderedByFirstPublicationSoAnUndatedPagePublishedTodayComesFirst() {
        SiteModel site = new SiteModel(List.of(FI), FI, List.of(
                version("privacy-notice", "page", null, at("2025-03-01T09:00:00+02:00"), ""),
                version("news", "blog_post", at("2026-11-30T12:00:00+02:00"), at("2026-11-30T12:00:05+02:00"), ""),
                version("new-page", "page", null, at("2026-12-02T08:00:00+02:00"), ""),
                version("old-post", "blog_post", at("2023-09-08T12:25:00+03:00"), at("2025-03-01T09:00:00+02:00"), "")),
                Map.of(), "http://localhost:8080");

        assertEquals(List.of("new-page", "news", "privacy-notice", "old-post"),
                site.inLanguage("fi").stream().map(LiveVariant::key).toList());
        assertEquals(at("2026-12-02T08:00:00+02:00"), SiteModel.published(site.inLanguage("fi").get(0)));
    }

    @Test
    void theHomeDocumentIsTheHomesContentAndNoPageOfItsOwn() {
        SiteModel site = new SiteModel(List.of(FI), FI, List.of(
                version(SiteModel.HOME, "page", null, at("2026-01-01T00:00:00+02:00"), "Tervetuloa"),
                version("news", "article", null, at("2026-01-02T00:00:00+02:00"), "")), Map.of(), "http://localhost:8080");

        assertEquals(List.of("news"), site.variants().stream().map(LiveVariant::key).toList());
        assertEquals("Tervetuloa", site.homeContent("fi").orElseThrow().body());
    }

    @Test
    void aFirstParagraphThatIsTheSummaryIsLeftOutAndOneThatBeginsWithItKeepsTheRest() {
        assertEquals("<h2 id=\"a\">A</h2>", ContentPages.withoutSummary("<p>Tiivistelmä &amp; muuta.</p>\n<h2 id=\"a\">A</h2>",
                "Tiivistelmä & muuta."));
        assertEquals("<p>Lisää tekstiä.</p>\n<p>Toinen.</p>",
                ContentPages.withoutSummary("<p>Tiivistelmä.\nLisää tekstiä.</p>\n<p>Toinen.</p>", "Tiivistelmä."));
        assertEquals("<p>Toinen alku.</p>", ContentPages.withoutSummary("<p>Toinen alku.</p>", "Tiivistelmä."));
    }

    private static final String STATEMENT = """
            Johdanto.

            ## Saavutettavuuden tila

            Tämä verkkosivusto täyttää saavutettavuusvaatimukset osittain. Puutteet alla.

            ## Ei-saavutettava sisältö

            ## Kohtuuton rasite ja lain ulkopuolinen sisältö

            ## Selosteen laatiminen ja arviointi

            ## Palaute

            ## Valvontaviranomainen
            """;

    @Test
    void aCompleteStatementReadsItsStatusAndIsReportedOnlyWhenLastReviewedOverAYearAgo() {
        SiteMessages messages = new SiteMessages(TEMPLATES);
        LiveVariant statement = version(PageLinks.ACCESSIBILITY_STATEMENT, "page", at("2026-01-15T10:00:00+02:00"),
                at("2025-06-01T10:00:00+03:00"), STATEMENT);
        List<String> warnings = new ArrayList<>();

        AccessibilityStatement facts = AccessibilityStatement.of(statement, "https://example.fi/fi/", messages.of("fi"),
                Instant.parse("2026-12-02T10:00:00Z"), warnings);

        assertEquals(List.of(), warnings);
        assertEquals("partial", facts.status());
        assertEquals(at("2025-06-01T10:00:00+03:00"), facts.prepared());
        assertEquals(at("2026-01-15T10:00:00+02:00"), facts.reviewed());

        AccessibilityStatement.of(statement, "https://example.fi/fi/", messages.of("fi"),
                Instant.parse("2027-01-16T10:00:00Z"), warnings);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("last reviewed on 2026-01-15, more than a year ago"), warnings.get(0));
    }

    @Test
    void aStatementWithoutTheSectionsTheLawAsksForIsReportedSectionBySection() {
        LiveVariant statement = version(PageLinks.ACCESSIBILITY_STATEMENT, "page", null, at("2026-11-01T10:00:00+02:00"),
                "## Palaute\n\nKirjoita meille.\n");
        List<String> warnings = new ArrayList<>();

        AccessibilityStatement facts = AccessibilityStatement.of(statement, "https://example.fi/fi/",
                new SiteMessages(TEMPLATES).of("fi"), Instant.parse("2026-12-02T10:00:00Z"), warnings);

        assertNull(facts.status());
        assertEquals(6, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("no section \"Valvontaviranomainen\"")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("must begin with one of the sentences")), warnings.toString());
    }

    @Test
    void configuredColoursReachTheStyleSheetAndTheLogoItsAddress(@TempDir Path dir) throws IOException {
        Path logo = Files.writeString(dir.resolve("ministerio.png"), "png");
        SiteFactory factory = new SiteFactory(TEMPLATES.toString(), Map.of("accent", "#00347a"), logo.toString());
        PageRenderer renderer = new PageRenderer(factory.pebble(), factory.messages());
        Page.Frame frame = new Page.Frame("http://localhost:8080/fi/sivu/", "/fi/", List.of(), List.of(), null, null,
                null, null, null, true);

        String html = renderer.render(new Page("fi", "fi", "Otsikko", "", "<p>Teksti</p>", List.of(), null, List.of(),
                false, frame));

        assertTrue(html.contains("--accent: #00347a;"), html);
        assertTrue(html.contains("<img class=\"site-logo\" src=\"/logo.png\" alt=\"Työ- ja elinkeinoministeriö\""), html);
        assertEquals("/logo.png", factory.theme().logoPath());
    }

    @Test
    void aColourThatIsNoColourOrNoneOfTheThemesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new SiteFactory(TEMPLATES.toString(), Map.of("accent", "red;} body{display:none"), ""));
        assertThrows(IllegalArgumentException.class, () -> new SiteFactory(TEMPLATES.toString(), Map.of("sparkle", "#fff"), ""));
    }

    @Test
    void longFinnishWordsInTheTitleAndTheBodysHeadingsGetSoftHyphensButTheirTagsDoNot() {
        SiteFactory factory = new SiteFactory(TEMPLATES.toString());
        Page.Frame frame = new Page.Frame(null, "/fi/", List.of(), List.of(), null, null, null, null, null, true);

        String html = new PageRenderer(factory.pebble(), factory.messages()).render(new Page("fi", "fi",
                "Kumppanuusohjelmaa", "", "<h2 id=\"kumppanuusohjelmaa\">Kumppanuusohjelmaa</h2>", List.of(), null,
                List.of(), false, frame));

        assertTrue(html.contains("<h1>Kump\u00adpa\u00adnuus\u00adoh\u00adjel\u00admaa</h1>"), html);
        assertTrue(html.contains("<h2 id=\"kumppanuusohjelmaa\">Kump\u00adpa\u00adnuus\u00adoh\u00adjel\u00admaa</h2>"), html);
        assertTrue(html.contains("<title>Kumppanuusohjelmaa – Kotoutumisen kumppanuusohjelma</title>"), html);
    }
}
