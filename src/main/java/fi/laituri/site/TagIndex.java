package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A language's tags by slug, as its tag pages list them ({@link TagPages}), and the versions with a tag that has no
 * slug (no letters or digits), which the build reports. Worked out once for a whole model ({@link #of}); the model
 * after a change takes it over with only the tags the changed documents had or have worked out again ({@link #after}),
 * so that a one-edit build does not walk every version's tags. Immutable once made.
 */
final class TagIndex {

    private final SortedMap<String, Tag> bySlug;
    private final List<LiveVariant> withoutSlug;

    private TagIndex(SortedMap<String, Tag> bySlug, List<LiveVariant> withoutSlug) {
        this.bySlug = Collections.unmodifiableSortedMap(bySlug);
        this.withoutSlug = List.copyOf(withoutSlug);
    }

    /**
     * One tag of a language: its spellings with how often each is used, and what carries it, newest first. A tag the
     * change did not touch is the same object in the next model, and keeps the fingerprints of its pages with it.
     */
    static final class Tag {

        private final String slug;
        private final Map<String, Integer> spellings;
        private final List<LiveVariant> tagged;
        /** What {@link TagPages} planned of the tag's pages, and what else they were made from ({@link #pages}). */
        private volatile Pages pages;

        private record Pages(String context, Object planned) {
        }

        private Tag(String slug, Map<String, Integer> spellings, List<LiveVariant> tagged) {
            this.slug = slug;
            this.spellings = spellings;
            this.tagged = tagged;
        }

        String slug() {
            return slug;
        }

        /** What carries the tag, newest first. */
        List<LiveVariant> tagged() {
            return Collections.unmodifiableList(tagged);
        }

        /** The most used spelling; of equally used ones the first in Unicode order, so builds agree. */
        String name() {
            return spellings.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
        }

        /** What the tag's pages were planned as, when it is held and was made with {@code context}; else null. */
        @SuppressWarnings("unchecked")
        <T> T heldPages(String context) {
            Pages held = pages;
            return held != null && held.context().equals(context) ? (T) held.planned() : null;
        }

        /**
         * What the tag's pages are planned as (their paths and fingerprints): made by {@code make} the first time, then
         * the same as long as this tag is (its versions, their documents and authors: a change to any of them makes a
         * new tag) and as long as {@code context} (the rest the pages are made from) is the same.
         */
        @SuppressWarnings("unchecked")
        <T> T pages(String context, Supplier<T> make) {
            Pages held = pages;
            if (held == null || !held.context().equals(context)) {
                held = new Pages(context, make.get());
                pages = held;
            }
            return (T) held.planned();
        }
    }

    /** The tags by slug, in slug order. */
    SortedMap<String, Tag> bySlug() {
        return bySlug;
    }

    /** The versions with a tag that has no slug, newest first. */
    List<LiveVariant> withoutSlug() {
        return withoutSlug;
    }

    /** The tags of everything live in {@code language}. */
    static TagIndex of(SiteModel site, String language) {
        TreeMap<String, Tag> bySlug = new TreeMap<>();
        List<LiveVariant> withoutSlug = new ArrayList<>();
        for (LiveVariant v : site.inLanguage(language)) {
            Set<String> slugs = new LinkedHashSet<>();
            for (String name : v.tags()) {
                String slug = site.tagSlug(name);
                if (slug.isEmpty()) {
                    if (withoutSlug.isEmpty() || withoutSlug.get(withoutSlug.size() - 1) != v) {
                        withoutSlug.add(v);
                    }
                    continue;
                }
                Tag tag = bySlug.computeIfAbsent(slug, s -> new Tag(s, new TreeMap<>(), new ArrayList<>()));
                tag.spellings.merge(name, 1, Integer::sum);
                if (slugs.add(slug)) {
                    tag.tagged.add(v);
                }
            }
        }
        return new TagIndex(bySlug, withoutSlug);
    }

    /**
     * This index of {@code language} in {@code previous}, taken over by {@code next}, the model after the documents of
     * {@code changed} changed: the tags their versions had or have there are made anew (without them, then with them),
     * every other tag is kept as it is. Equal to {@link #of} {@code next}. Their versions in the language that did not
     * change count too, since a listing entry shows the document, whose fingerprint changed.
     */
    TagIndex after(SiteModel previous, SiteModel next, String language, Set<String> changed) {
        List<LiveVariant> before = new ArrayList<>();
        List<LiveVariant> now = new ArrayList<>();
        for (String key : changed) {
            previous.find(key, language).ifPresent(before::add);
            next.find(key, language).ifPresent(now::add);
        }
        Set<String> touched = new java.util.TreeSet<>();
        for (LiveVariant v : before) {
            slugs(previous, v).forEach(touched::add);
        }
        for (LiveVariant v : now) {
            slugs(next, v).forEach(touched::add);
        }
        TreeMap<String, Tag> tags = new TreeMap<>(bySlug);
        for (String slug : touched) {
            Tag had = tags.get(slug);
            Map<String, Integer> spellings = had == null ? new TreeMap<>() : new TreeMap<>(had.spellings);
            List<LiveVariant> tagged = had == null ? new ArrayList<>() : new ArrayList<>(had.tagged);
            for (LiveVariant v : before) {
                if (count(previous, v, slug, spellings, -1)) {
                    tagged.remove(SiteModel.at(tagged, v, true));
                }
            }
            for (LiveVariant v : now) {
                if (count(next, v, slug, spellings, 1)) {
                    tagged.add(SiteModel.at(tagged, v, false), v);
                }
            }
            if (tagged.isEmpty()) {
                tags.remove(slug);
            } else {
                tags.put(slug, new Tag(slug, spellings, tagged));
            }
        }
        List<LiveVariant> withoutSlug = new ArrayList<>(this.withoutSlug.stream().filter(v -> !changed.contains(v.key())).toList());
        now.stream().filter(v -> v.tags().stream().anyMatch(name -> next.tagSlug(name).isEmpty())).forEach(withoutSlug::add);
        withoutSlug.sort(SiteModel.NEWEST_FIRST);
        return new TagIndex(tags, withoutSlug);
    }

    private static List<String> slugs(SiteModel site, LiveVariant v) {
        return v.tags().stream().map(site::tagSlug).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Adds {@code by} to the count of each of {@code v}'s spellings of the tag {@code slug} (a spelling whose count
     * comes to nothing goes); whether {@code v} has the tag.
     */
    private static boolean count(SiteModel site, LiveVariant v, String slug, Map<String, Integer> spellings, int by) {
        boolean has = false;
        for (String name : v.tags()) {
            if (site.tagSlug(name).equals(slug)) {
                spellings.merge(name, by, (a, b) -> a + b == 0 ? null : a + b);
                has = true;
            }
        }
        return has;
    }
}
