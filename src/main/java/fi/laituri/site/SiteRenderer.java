package fi.laituri.site;

import java.util.List;

/**
 * Plans one kind of output (content pages, language homes, feeds, ...) from the site model: every file
 * of that kind with a fingerprint of its inputs and a way to render it. The builder renders only the
 * files whose inputs changed since the live build.
 */
interface SiteRenderer {

    List<PlannedFile> plan(SiteModel site);
}
