package fi.laituri.site;

import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Each language's home page: the newest of what is live in it; and the site root, which sends readers on. */
@Singleton
class LanguageHomes implements SiteRenderer {

    private final Templates templates;
    private final PageLinks links;

    /** The newest pages a home lists; the rest are a click away in the blog index, the tag pages and search. */
    static final int LATEST = 20;

    LanguageHomes(Templates templates, PageLinks links) {
        this.templates = templates;
        this.links = links;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            List<Map<String, Object>> items = site.inLanguage(language.code()).stream().limit(LATEST)
                    .map(v -> Map.<String, Object>of("title", v.title(), "summary", v.summary(), "url", site.url(v)))
                    .toList();
            files.add(templates.plan(site.home(language) + "index.html", "home.peb", language, Map.of("items", items, "frame", links.ofHome(site, language))));
        }
        files.add(templates.plan("/index.html", "root.peb", site.defaultLanguage(),
                Map.of("home", site.home(site.defaultLanguage()), "languages", PageLinks.homes(site), "frame", links.ofRoot(site))));
        return files;
    }
}
