package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sitemaps (sitemaps.org 0.9): an index at {@code /sitemap.xml} naming each language's sitemaps, which list
 * the language's home, the first page of its blog index and every live page, each with its {@code lastmod} (when
 * its live revision was written; for the home and the blog index, the newest of what they show) and its
 * translations as {@code hreflang} alternates, by the same rule as the pages' own ({@link PageLinks#alternates}).
 * Tag pages and later pages of the blog index are left out on purpose: they only list pages that are in the
 * sitemap anyway, and would only add addresses whose content changes with others'.
 *
 * <p>A language's addresses come in shards of {@code laituri.site.sitemap-urls}: {@code /sitemap-<code>.xml} with
 * the home, the blog index and the oldest pages, then {@code /sitemap-<code>-2.xml} and on with newer ones. Oldest
 * first, so that a new page changes the last shard and an edit only its own: a build after one change writes one or
 * two shards of a thousand addresses, not every address of the language.
 */
@Singleton
class Sitemaps implements SiteRenderer {

    static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String INDEX = "/sitemap.xml";

    /** W3C Datetime as sitemaps want it, to the second with the offset. */
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** What the protocol allows in one sitemap. */
    static final int MOST_URLS = 50_000;

    private final int urls;

    Sitemaps(@Value("${laituri.site.sitemap-urls:1000}") int urls) {
        if (urls < 3 || urls > MOST_URLS) {
            throw new IllegalArgumentException("laituri.site.sitemap-urls must be from 3 (the home, the blog index and a page)"
                    + " to " + MOST_URLS + ", not " + urls);
        }
        this.urls = urls;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        XmlFile index = new XmlFile(SITEMAPS, "sitemapindex");
        for (Language language : site.languages()) {
            List<LiveVariant> newestFirst = site.inLanguage(language.code());
            // The first shard has room for the home and the blog index besides its pages.
            int from = 0;
            for (int shard = 1; shard == 1 || from < newestFirst.size(); shard++) {
                int to = Math.min(newestFirst.size(), from + (shard == 1 ? urls - 2 : urls));
                String path = "/sitemap-" + language.code() + (shard == 1 ? "" : "-" + shard) + ".xml";
                index.start("sitemap").text("loc", site.absolute(path)).end();
                List<LiveVariant> pages = oldestFirst(newestFirst, from, to);
                // The home's and the blog index's times depend on which versions are blog posts and on the home document.
                String times = shard == 1 ? String.valueOf(listingTimes(site, language)) : "";
                // A shard's versions are mostly as they were: the model keeps the fingerprint while they are.
                String fingerprint = site.remembered(path, pages, times, () -> {
                    List<String> inputs = new ArrayList<>(List.of("sitemap", language.code(), path));
                    pages.forEach(v -> inputs.add(site.addresses(v.key()) + stamp(v.revised())));
                    if (!times.isEmpty()) {
                        inputs.add(times);
                    }
                    return Fingerprint.of(inputs);
                });
                boolean first = shard == 1;
                files.add(PlannedFile.of(path, fingerprint, () -> sitemap(site, language, path, first, pages).bytes()));
                from = to;
            }
        }
        byte[] bytes = index.file(INDEX).bytes();
        files.add(PlannedFile.of(INDEX, Fingerprint.ofBytes(bytes), () -> bytes));
        return files;
    }

    /** Places {@code from} to {@code to} of the oldest-first order of a newest-first list, oldest first. */
    private static List<LiveVariant> oldestFirst(List<LiveVariant> newestFirst, int from, int to) {
        List<LiveVariant> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(newestFirst.get(newestFirst.size() - 1 - i));
        }
        return out;
    }

    private static OutputFile sitemap(SiteModel site, Language language, String path, boolean first, List<LiveVariant> pages) {
        XmlFile xml = new XmlFile(SITEMAPS, "urlset").namespace("xhtml", XHTML);
        if (first) {
            Map<Language, String> homes = new LinkedHashMap<>();
            site.languages().forEach(l -> homes.put(l, site.home(l)));
            List<OffsetDateTime> times = listingTimes(site, language);
            url(xml, site, language, homes, times.get(0));
            Map<Language, String> blogs = new LinkedHashMap<>();
            site.languages().forEach(l -> blogs.put(l, site.blog(l, 1)));
            url(xml, site, language, blogs, times.get(1));
        }
        for (LiveVariant v : pages) {
            Map<Language, String> translations = new LinkedHashMap<>();
            site.translations(v.key()).forEach((l, t) -> translations.put(l, site.url(t)));
            url(xml, site, language, translations, v.revised());
        }
        return xml.file(path);
    }

    /**
     * The {@code lastmod} of a language's home (the newest of its versions and its home document; for a language with
     * nothing of its own yet, the site's newest change, as its frame is every page's) and of its blog index (its
     * newest post; without posts, the home's, whose header links it). Either is null only on an empty site.
     */
    private static List<OffsetDateTime> listingTimes(SiteModel site, Language language) {
        OffsetDateTime newestInLanguage = site.newestRevised(language.code(), false);
        OffsetDateTime homeContent = site.homeContent(language.code()).map(LiveVariant::revised).orElse(null);
        if (homeContent != null && (newestInLanguage == null || homeContent.isAfter(newestInLanguage))) {
            newestInLanguage = homeContent;
        }
        OffsetDateTime home = newestInLanguage != null ? newestInLanguage : site.lastChange();
        OffsetDateTime blog = site.newestRevised(language.code(), true);
        return java.util.Arrays.asList(home, blog != null ? blog : home);
    }

    /** What a {@code lastmod} shows of a time (the second and the offset), without formatting it for each of thousands. */
    private static String stamp(@Nullable OffsetDateTime time) {
        return time == null ? "-" : time.toEpochSecond() + "@" + time.getOffset().getTotalSeconds();
    }

    /** One {@code <url>}: the version of {@code versions} in {@code language}, its time and its alternates. */
    private static void url(XmlFile xml, SiteModel site, Language language, Map<Language, String> versions,
                            @Nullable OffsetDateTime lastModified) {
        xml.start("url").text("loc", site.absolute(versions.get(language)));
        if (lastModified != null) {
            xml.text("lastmod", W3C.format(lastModified));
        }
        for (Page.Alternate a : PageLinks.alternates(site, language, versions)) {
            xml.empty("xhtml", "link", "rel", "alternate", "hreflang", a.hreflang(), "href", a.href());
        }
        xml.end();
    }
}
