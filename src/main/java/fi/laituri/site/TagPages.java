package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Slugs;
import jakarta.inject.Singleton;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

    /** One tag of a language: its spellings with how often each is used, and what carries it, newest first. */
    private record Tag(String slug, Map<String, Integer> spellings, List<LiveVariant> tagged) {

        /** The most used spelling; of equally used ones the first in Unicode order, so builds agree. */
        String name() {
            return spellings.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
        }
    }

    /** A tag as the index lists it. */
    record Listed(String name, String url, int count) {
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            List<Tag> tags = tags(site, language, warnings);
            for (Tag tag : tags) {
                files.addAll(tagPages(site, language, tag));
            }
            Collator order = Collator.getInstance(Locale.forLanguageTag(language.htmlLang()));
            List<Listed> listed = tags.stream()
                    .map(t -> new Listed(t.name(), site.tag(language, t.name(), 1), t.tagged().size()))
                    .sorted(Comparator.comparing(Listed::name, order).thenComparing(Listed::url))
                    .toList();
            files.add(templates.plan(site.tags(language) + "index.html", "tags.peb", language, Map.of(
                    "tags", listed, "frame", links.ofListing(site, language, site::tags))));
        }
        return files;
    }

    /** The language's tags by slug; tags with no letters or digits have no page and are reported. */
    private static List<Tag> tags(SiteModel site, Language language, List<String> warnings) {
        Map<String, Tag> bySlug = new TreeMap<>();
        for (LiveVariant v : site.inLanguage(language.code())) {
            Set<String> slugs = new LinkedHashSet<>();
            for (String name : v.tags()) {
                String slug = site.tagSlug(name);
                if (slug.isEmpty()) {
                    warnings.add(v.key() + " (" + v.language() + "): the tag \"" + name
                            + "\" has no letters or digits to make an address of, so it has no tag page");
                    continue;
                }
                Tag tag = bySlug.computeIfAbsent(slug, s -> new Tag(s, new TreeMap<>(), new ArrayList<>()));
                tag.spellings().merge(name, 1, Integer::sum);
                if (slugs.add(slug)) {
                    tag.tagged().add(v);
                }
            }
        }
        return List.copyOf(bySlug.values());
    }

    private List<PlannedFile> tagPages(SiteModel site, Language language, Tag tag) {
        List<PlannedFile> files = new ArrayList<>();
        String name = tag.name();
        List<List<LiveVariant>> pages = listings.pages(tag.tagged());
        for (int n = 1; n <= pages.size(); n++) {
            String path = site.tag(language, name, n);
            List<LiveVariant> page = pages.get(n - 1);
            int number = n;
            String fingerprint = Fingerprint.of(path, name, n, pages.size(), PageLinks.fingerprint(site),
                    page.stream().map(site::entryFingerprint).toList());
            files.add(templates.plan(path + "index.html", "tag.peb", language, fingerprint, () -> {
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
