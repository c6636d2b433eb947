package fi.laituri.site;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /robots.txt}: every crawler may read everything, and is told where the sitemap index is. */
@Singleton
class Robots implements SiteRenderer {

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        String robots = "User-agent: *\nAllow: /\n\nSitemap: " + site.absolute(Sitemaps.INDEX) + "\n";
        return List.of(PlannedFile.of("robots.txt", Fingerprint.of(robots), () -> robots.getBytes(StandardCharsets.UTF_8)));
    }
}
