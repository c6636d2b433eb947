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

    /** The footer each plan was made with: where the model's was planned with the same, its unchanged tags' pages carry over. */
    private final PlanMemos<String> memos = new PlanMemos<>();

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        return plan(site, warnings, null).files();
    }

    /** As {@link #plan}, the pages of carried tags left out of the list, but for those {@code lookingUp} names. */
    @Override
    public Plan planChange(SiteModel site, List<String> warnings, java.util.Set<String> lookingUp) {
        return plan(site, warnings, lookingUp);
    }

    private Plan plan(SiteModel site, List<String> warnings, java.util.Set<String> lookingUp) {
        List<PlannedFile> files = new ArrayList<>();
        List<Planned> left = new ArrayList<>();
        String footer = PageLinks.fingerprint(site);
        boolean carrying = footer.equals(memos.since(site));
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
                tagPages(site, language, tag, footer, carrying, lookingUp, files, left);
            }
            Collator order = Collator.getInstance(Locale.forLanguageTag(language.htmlLang()));
            List<Listed> listed = tags.bySlug().values().stream()
                    .map(t -> new Listed(t.name(), site.tag(language, t.name(), 1), t.tagged().size()))
                    .sorted(Comparator.comparing(Listed::name, order).thenComparing(Listed::url))
                    .toList();
            files.add(templates.plan(site.tags(language) + "index.html", "tags.peb", language, Map.of(
                    "tags", listed, "frame", links.ofListing(site, language, site::tags))));
        }
        memos.note(site, footer);
        int count = left.stream().mapToInt(p -> p.files().size()).sum();
        return new Plan(files, Plan.Left.of(count, to -> left.forEach(p -> p.files().forEach(to))));
    }

    /** What a tag's pages are planned as: its name, and each page's file and fingerprint. */
    private record Planned(String name, List<String> files, List<String> fingerprints) {
    }

    /**
     * A tag's pages. Their paths and fingerprints are made from the pages' entries, which a one-edit build would
     * otherwise look up for every tag of the site: the tag keeps them while it and the footer's documents are as they
     * were. A tag of the model this one was made from (the change did not touch it), whose pages that model's plan made
     * with this footer, has the same pages: they are marked carried.
     */
    private void tagPages(SiteModel site, Language language, TagIndex.Tag tag, String footer, boolean carrying,
                          java.util.Set<String> lookingUp, List<PlannedFile> files, List<Planned> left) {
        Planned held = carrying ? tag.heldPages(footer) : null;
        boolean carried = held != null;
        if (carried && lookingUp != null) {
            if (lookingUp.isEmpty() || held.files().stream().noneMatch(lookingUp::contains)) {
                left.add(held);
                return;
            }
        }
        List<List<LiveVariant>> pages = listings.pages(tag.tagged());
        Planned planned = tag.pages(footer, () -> {
            String name = tag.name();
            List<String> paths = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            for (int n = 1; n <= pages.size(); n++) {
                String path = site.tag(language, name, n);
                paths.add(PlannedFile.relative(path + "index.html"));
                fingerprints.add(Templates.fingerprint("tag.peb", language, Fingerprint.of(path, name, n, pages.size(), footer,
                        pages.get(n - 1).stream().map(site::entryFingerprint).toList())));
            }
            return new Planned(name, List.copyOf(paths), List.copyOf(fingerprints));
        });
        String name = planned.name();
        for (int n = 1; n <= pages.size(); n++) {
            List<LiveVariant> page = pages.get(n - 1);
            int number = n;
            files.add(templates.planned(planned.files().get(n - 1), "tag.peb", language, planned.fingerprints().get(n - 1), () -> {
                Map<String, Object> model = new HashMap<>();
                model.put("tag", name);
                model.put("tagUrl", site.tag(language, name, 1));
                model.put("tagsUrl", site.tags(language));
                model.put("entries", page.stream().map(v -> listings.entry(site, v)).toList());
                model.put("pagination", Listings.pagination(number, pages.size(), i -> site.tag(language, name, i)));
                // Tags are words of one language: another language's version of the page is its tag index.
                model.put("frame", links.ofOwn(site, language, site.tag(language, name, number), site::tags));
                return model;
            }).carriedIf(carried));
        }
    }
}
