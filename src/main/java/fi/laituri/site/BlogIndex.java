package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each language's blog index, newest first, in pages: {@code /fi/blog/}, then {@code /fi/blog/2/}, ... A
 * language without posts still has its (empty) first page, which the header of every page links to.
 */
@Singleton
class BlogIndex implements SiteRenderer {

    private final Templates templates;
    private final PageLinks links;
    private final Listings listings;

    BlogIndex(Templates templates, PageLinks links, Listings listings) {
        this.templates = templates;
        this.links = links;
        this.listings = listings;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            List<LiveVariant> posts = site.blogPosts(language.code());
            List<List<LiveVariant>> pages = listings.pages(posts);
            for (int n = 1; n <= pages.size(); n++) {
                String path = site.blog(language, n);
                List<LiveVariant> page = pages.get(n - 1);
                int number = n;
                String fingerprint = Fingerprint.of(path, n, pages.size(), PageLinks.fingerprint(site),
                        page.stream().map(site::entryFingerprint).toList());
                files.add(templates.plan(path + "index.html", "blog.peb", language, fingerprint, () -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("entries", page.stream().map(v -> listings.entry(site, v)).toList());
                    model.put("pagination", Listings.pagination(number, pages.size(), i -> site.blog(language, i)));
                    model.put("feed", site.home(language) + "feed.xml");
                    model.put("home", site.home(language));
                    model.put("blog", site.blog(language, 1));
                    model.put("frame", number == 1
                            ? links.ofListing(site, language, l -> site.blog(l, 1))
                            : links.ofOwn(site, language, path, l -> site.blog(l, 1)));
                    return model;
                }));
            }
        }
        return files;
    }
}
