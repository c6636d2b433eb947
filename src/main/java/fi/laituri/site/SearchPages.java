package fi.laituri.site;

import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each language's search page, {@code /fi/search/}: the search form and how searching works. The form is sent
 * to the dynamic {@code /search} endpoint, which answers with the results.
 */
@Singleton
class SearchPages implements SiteRenderer {

    private final Templates templates;
    private final PageLinks links;

    SearchPages(Templates templates, PageLinks links) {
        this.templates = templates;
        this.links = links;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            files.add(templates.plan(site.search(language) + "index.html", "search.peb", language, Map.of(
                    "tagsUrl", site.tags(language), "frame", links.ofListing(site, language, site::search))));
        }
        return files;
    }
}
