package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.media.SiteMedia;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The uploaded files that live pages use, and nothing else: images in each width and format, documents as uploaded.
 * Their names carry their hash, so a file's path never shows other bytes; a variant is made once and reused.
 */
@Singleton
class MediaFiles implements SiteRenderer {

    private final SiteMedia media;

    MediaFiles(SiteMedia media) {
        this.media = media;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        Set<String> used = new LinkedHashSet<>();
        for (LiveVariant v : site.withMedia()) {
            used.addAll(SiteMedia.referenced(v.body()));
        }
        if (used.isEmpty()) {
            return List.of();
        }
        List<PlannedFile> files = new ArrayList<>();
        for (SiteMedia.PublishedFile f : media.snapshot().published(used)) {
            files.add(new PlannedFile(f.path(), Fingerprint.of(f.fingerprint()),
                    () -> new PlannedFile.Rendered(f.bytes(), Set.of(), List.of())));
        }
        return files;
    }
}
