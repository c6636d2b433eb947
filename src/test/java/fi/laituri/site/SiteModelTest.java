package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SiteModelTest {

    private static final Language FI = new Language("fi", "Suomi", "fi", "fi", "finnish", Optional.empty(), false);

    private static LiveVariant page(String key, String slug) {
        return new LiveVariant(1, key, "article", "fi", slug, key, "", "", List.of(), List.of(), null, 1, null, java.time.OffsetDateTime.parse("2026-01-01T00:00:00+02:00"));
    }

    private static SiteModel site(LiveVariant... variants) {
        return new SiteModel(List.of(FI), FI, List.of(variants), Map.of(), "http://localhost:8080/");
    }

    @Test
    void aLivePageWithASlugTheSiteNowReservesIsLeftOutAndKeptForTheReport() {
        SiteModel site = site(page("old-blog", "blog"), page("news", "news"));

        assertEquals(List.of("news"), site.variants().stream().map(LiveVariant::key).toList());
        assertEquals(List.of("old-blog"), site.unbuildable().stream().map(LiveVariant::key).toList());
        assertEquals(List.of("news"), site.inLanguage("fi").stream().map(LiveVariant::key).toList());
    }

    @Test
    void listingsHaveTheirPathsBelowTheLanguagesHome() {
        SiteModel site = site();

        assertEquals("/fi/blog/", site.blog(FI, 1));
        assertEquals("/fi/blog/3/", site.blog(FI, 3));
        assertEquals("/fi/tags/", site.tags(FI));
        assertEquals("/fi/tags/aanestys-ja-vaalit/2/", site.tag(FI, "Äänestys ja vaalit", 2));
        assertEquals("/fi/search/", site.search(FI));
        assertEquals("/fi/404.html", site.notFound(FI));
    }

    @Test
    void aTagWithoutLettersOrDigitsHasNoPage() {
        assertNull(site().tag(FI, "!!!", 1));
    }
}
