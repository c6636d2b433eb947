package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Slugs;
import jakarta.inject.Singleton;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each language's tag pages, {@code /fi/tags/<slug>/} (in pages like the blog index), listing everything live
 * in the language with the tag, newest first; and the index of them, {@code /fi/tags/}. Tags spelt alike
 * ("Kotoutuminen", "kotoutuminen") share a slug and so one page, under their most used spelling.
 */
@Singleton
class TagPages implements SiteRenderer {

    private final Templates templates;
    private final PageLinks links;
    private final Listings listings;

    TagPages(Templates templates, PageLinks links, Listings listings) {
        this.templates = templates;
        this.links = links;
        this.listings = listings;
    }

    /** A tag as the index lists it. */
    record Listed(String name, String url, int count) {
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            TagIndex tags = site.tagIndex(language.code());
            for (LiveVariant v : tags.withoutSlug()) {
                for (String name : v.tags()) {
                    if (site.tagSlug(name).isEmpty()) {
                        warnings.add(v.key() + " (" + v.language() + "): the tag \"" + name
                                + "\" has no letters or digits to make an address of, so it has no tag page");
                    }
                }
            }
            for (TagIndex.Tag tag : tags.bySlug().values()) {
                files.addAll(tagPages(site, language, tag));
            }
            Collator order = Collator.getInstance(Locale.forLanguageTag(language.htmlLang()));
            List<Listed> listed = tags.bySlug().values().stream()
                    .map(t -> new Listed(t.name(), site.tag(language, t.name(), 1), t.tagged().size()))
                    .sorted(Comparator.comparing(Listed::name, order).thenComparing(Listed::url))
                    .toList();
            files.add(templates.plan(site.tags(language) + "index.html", "tags.peb", language, Map.of(
                    "tags", listed, "frame", links.ofListing(site, language, site::tags))));
        }
        return files;
    }

    /**
     * A tag's pages. Their fingerprints are made from the pages' entries, which a one-edit build would otherwise look
     * up for every tag of the site: the tag keeps them while it and the footer's documents are as they were.
     */
    private List<PlannedFile> tagPages(SiteModel site, Language language, TagIndex.Tag tag) {
        List<PlannedFile> files = new ArrayList<>();
        String name = tag.name();
        List<List<LiveVariant>> pages = listings.pages(tag.tagged());
        String footer = PageLinks.fingerprint(site);
        List<String> fingerprints = tag.pageFingerprints(footer, () -> {
            List<String> made = new ArrayList<>();
            for (int n = 1; n <= pages.size(); n++) {
                made.add(Fingerprint.of(site.tag(language, name, n), name, n, pages.size(), footer,
                        pages.get(n - 1).stream().map(site::entryFingerprint).toList()));
            }
            return made;
        });
        for (int n = 1; n <= pages.size(); n++) {
            String path = site.tag(language, name, n);
            List<LiveVariant> page = pages.get(n - 1);
            int number = n;
            files.add(templates.plan(path + "index.html", "tag.peb", language, fingerprints.get(n - 1), () -> {
                Map<String, Object> model = new HashMap<>();
                model.put("tag", name);
                model.put("tagUrl", site.tag(language, name, 1));
                model.put("tagsUrl", site.tags(language));
                model.put("entries", page.stream().map(v -> listings.entry(site, v)).toList());
                model.put("pagination", Listings.pagination(number, pages.size(), i -> site.tag(language, name, i)));
                // Tags are words of one language: another language's version of the page is its tag index.
                model.put("frame", links.ofOwn(site, language, path, site::tags));
                return model;
            }));
        }
        return files;
    }
}
