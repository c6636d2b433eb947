package fi.laituri.site;

import java.util.List;

/**
 * Plans one kind of output (content pages, language homes, feeds, ...) from the site model: every file
 * of that kind with a fingerprint of its inputs and a way to render it. The builder renders only the
 * files whose inputs changed since the live build. Problems seen while planning go to {@code warnings},
 * each naming document and language; problems seen while rendering go with the rendered file.
 */
interface SiteRenderer {

    List<PlannedFile> plan(SiteModel site, List<String> warnings);
}
