package fi.laituri.site;

import java.util.List;

/**
 * Renders one kind of output (content pages, language homes, feeds, ...) from the site model.
 * Problems that should not stop the build go to {@code warnings}, each naming document, language
 * and line where it can.
 */
interface SiteRenderer {

    List<OutputFile> render(SiteModel site, List<String> warnings);
}
