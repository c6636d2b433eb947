package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sitemaps (sitemaps.org 0.9): an index at {@code /sitemap.xml} naming one sitemap per language,
 * {@code /sitemap-<code>.xml}, which lists the language's home, the first page of its blog index and every
 * live page with its translations as {@code hreflang} alternates. Tag pages and later pages of the blog
 * index are left out: they only list pages that are in the sitemap anyway.
 */
@Singleton
class Sitemaps implements SiteRenderer {

    static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String INDEX = "/sitemap.xml";

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        XmlFile index = new XmlFile(SITEMAPS, "sitemapindex");
        for (Language language : site.languages()) {
            String path = "/sitemap-" + language.code() + ".xml";
            index.start("sitemap").text("loc", site.absolute(path)).end();
            // A language's sitemap lists its pages, newest first, with their translations: it is made of their addresses.
            List<String> inputs = new ArrayList<>(List.of("sitemap", language.code()));
            site.inLanguage(language.code()).forEach(v -> inputs.add(site.addresses(v.key())));
            files.add(PlannedFile.of(path, Fingerprint.of(inputs), () -> sitemap(site, language, path).bytes()));
        }
        byte[] bytes = index.file(INDEX).bytes();
        files.add(PlannedFile.of(INDEX, Fingerprint.ofBytes(bytes), () -> bytes));
        return files;
    }

    private static OutputFile sitemap(SiteModel site, Language language, String path) {
        XmlFile xml = new XmlFile(SITEMAPS, "urlset").namespace("xhtml", XHTML);
        Map<Language, String> homes = new LinkedHashMap<>();
        site.languages().forEach(l -> homes.put(l, site.home(l)));
        url(xml, site, language, homes);
        Map<Language, String> blogs = new LinkedHashMap<>();
        site.languages().forEach(l -> blogs.put(l, site.blog(l, 1)));
        url(xml, site, language, blogs);
        for (LiveVariant v : site.inLanguage(language.code())) {
            Map<Language, String> translations = new LinkedHashMap<>();
            site.translations(v.key()).forEach((l, t) -> translations.put(l, site.url(t)));
            url(xml, site, language, translations);
        }
        return xml.file(path);
    }

    /**
     * One {@code <url>}: the version of {@code versions} in {@code language}, with all of them as
     * alternates, itself included, and {@code x-default} for the default language's version.
     *
     * <p>An {@code hreflang} may name only one page, but two site languages can share one: selkosuomi
     * pages are {@code fi}, like the Finnish ones. Such a version, later in the site's language order
     * than the one whose {@code hreflang} it repeats, is left out of the alternates, and its own entry lists
     * none, since search engines ignore alternates that the other pages do not point back to.
     */
    private static void url(XmlFile xml, SiteModel site, Language language, Map<Language, String> versions) {
        Map<String, String> alternates = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Map.Entry<Language, String> version : versions.entrySet()) {
            if (taken.add(version.getKey().htmlLang())) {
                alternates.put(version.getKey().htmlLang(), version.getValue());
            }
        }
        String own = versions.get(language);
        xml.start("url").text("loc", site.absolute(own));
        if (alternates.containsValue(own)) {
            alternates.forEach((hreflang, path) -> link(xml, site, hreflang, path));
            String main = versions.get(site.defaultLanguage());
            if (main != null && alternates.containsValue(main)) {
                link(xml, site, "x-default", main);
            }
        }
        xml.end();
    }

    private static void link(XmlFile xml, SiteModel site, String hreflang, String path) {
        xml.empty("xhtml", XHTML, "link", "rel", "alternate", "hreflang", hreflang, "href", site.absolute(path));
    }
}
