package fi.laituri.site;

import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page for addresses that lead nowhere: {@code /fi/404.html} for each language, which a web server answers
 * with for unknown paths below the language's prefix, and {@code /404.html} for all other paths, in the default
 * language with a way to every language's home.
 */
@Singleton
class NotFoundPages implements SiteRenderer {

    private final Templates templates;
    private final PageLinks links;

    NotFoundPages(Templates templates, PageLinks links) {
        this.templates = templates;
        this.links = links;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            files.add(templates.plan(site.notFound(language), "404.peb", language, Map.of(
                    "languages", List.of(), "search", site.search(language), "frame", links.ofNotFound(site, language))));
        }
        Language main = site.defaultLanguage();
        files.add(templates.plan("/404.html", "404.peb", main, Map.of(
                "languages", PageLinks.homes(site), "search", site.search(main), "frame", links.ofNotFound(site, main))));
        return files;
    }
}
