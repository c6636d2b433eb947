package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SiteModelTest {

    private static final Language FI = new Language("fi", "Suomi", "fi", "fi", "finnish", Optional.empty(), false);

    private static LiveVariant page(String key, String slug) {
        return new LiveVariant(1, key, "article", "fi", slug, key, "", "", List.of(), List.of(), null, 1, null, java.time.OffsetDateTime.parse("2026-01-01T00:00:00+02:00"));
    }

    private static SiteModel site(LiveVariant... variants) {
        return new SiteModel(List.of(FI), FI, List.of(variants), Map.of(), "http://localhost:8080/");
    }

    @Test
    void aLivePageWithASlugTheSiteNowReservesIsLeftOutAndKeptForTheReport() {
        SiteModel site = site(page("old-blog", "blog"), page("news", "news"));

        assertEquals(List.of("news"), site.variants().stream().map(LiveVariant::key).toList());
        assertEquals(List.of("old-blog"), site.unbuildable().stream().map(LiveVariant::key).toList());
        assertEquals(List.of("news"), site.inLanguage("fi").stream().map(LiveVariant::key).toList());
    }

    @Test
    void listingsHaveTheirPathsBelowTheLanguagesHome() {
        SiteModel site = site();

        assertEquals("/fi/blog/", site.blog(FI, 1));
        assertEquals("/fi/blog/3/", site.blog(FI, 3));
        assertEquals("/fi/tags/", site.tags(FI));
        assertEquals("/fi/tags/aanestys-ja-vaalit/2/", site.tag(FI, "Äänestys ja vaalit", 2));
        assertEquals("/fi/search/", site.search(FI));
        assertEquals("/fi/404.html", site.notFound(FI));
    }

    @Test
    void aTagWithoutLettersOrDigitsHasNoPage() {
        assertNull(site().tag(FI, "!!!", 1));
    }

    private static final Language SV = new Language("sv", "Svenska", "sv", "sv", "swedish", Optional.empty(), false);

    /**
     * The model {@code with} makes from the previous one, step after step, against one made from scratch from the same
     * versions: its lists, lookups, tags and times. Times and tags are drawn from few values, so that ties, shared tags,
     * spellings of one tag and tags without letters are common.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4})
    void aModelMadeWithChangesEqualsOneMadeFromScratch(long seed) {
        java.util.Random random = new java.util.Random(seed);
        Map<String, Map<String, LiveVariant>> live = new java.util.TreeMap<>();
        for (int i = 0; i < 60; i++) {
            put(live, version(random, "doc-" + i, random.nextBoolean() ? "fi" : "sv"));
        }
        SiteModel model = whole(live);
        warm(model);
        for (int step = 0; step < 80; step++) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String key = random.nextInt(10) == 0 ? SiteModel.HOME : "doc-" + random.nextInt(70);
                keys.add(key);
                String language = random.nextBoolean() ? "fi" : "sv";
                switch (random.nextInt(4)) {
                    case 0 -> live.getOrDefault(key, new java.util.HashMap<>()).remove(language);
                    default -> put(live, version(random, key, language));
                }
            }
            List<LiveVariant> changed = live.entrySet().stream().filter(e -> keys.contains(e.getKey()))
                    .flatMap(e -> e.getValue().values().stream()).toList();
            model = model.with(keys, changed, Map.of());
            SiteModel expected = whole(live);
            String at = "seed " + seed + ", step " + step + ", changed " + keys;
            assertEquals(expected.variants(), model.variants(), at);
            assertEquals(expected.unbuildable(), model.unbuildable(), at);
            assertEquals(List.copyOf(expected.homeContents()).stream().sorted(java.util.Comparator.comparing(LiveVariant::language)).toList(),
                    List.copyOf(model.homeContents()).stream().sorted(java.util.Comparator.comparing(LiveVariant::language)).toList(), at);
            assertEquals(expected.withMedia(), model.withMedia(), at);
            for (String language : List.of("fi", "sv")) {
                assertEquals(expected.inLanguage(language), model.inLanguage(language), at);
                assertEquals(expected.blogPosts(language), model.blogPosts(language), at);
                assertEquals(expected.newestRevised(language, false), model.newestRevised(language, false), at);
                assertEquals(expected.newestRevised(language, true), model.newestRevised(language, true), at);
                assertEquals(tags(expected.tagIndex(language)), tags(model.tagIndex(language)), at);
                assertEquals(expected.tagIndex(language).withoutSlug(), model.tagIndex(language).withoutSlug(), at);
            }
            for (String key : live.keySet()) {
                assertEquals(expected.fingerprint(key), model.fingerprint(key), at + ": " + key);
            }
            for (LiveVariant v : expected.variants()) {
                assertEquals(expected.entryFingerprint(v), model.entryFingerprint(v), at + ": " + v.key());
                assertEquals(expected.addresses(v.key()), model.addresses(v.key()), at + ": " + v.key());
            }
        }
    }

    /** Each tag's slug, name and versions, as the tag pages show them. */
    private static List<String> tags(TagIndex index) {
        return index.bySlug().values().stream().map(t -> t.slug() + "=" + t.name() + ":"
                + t.tagged().stream().map(v -> v.key() + "/" + v.language()).toList()).toList();
    }

    private static void put(Map<String, Map<String, LiveVariant>> live, LiveVariant v) {
        live.computeIfAbsent(v.key(), k -> new java.util.HashMap<>()).put(v.language(), v);
    }

    private static SiteModel whole(Map<String, Map<String, LiveVariant>> live) {
        return new SiteModel(List.of(FI, SV), FI, live.values().stream().flatMap(m -> m.values().stream()).toList(),
                Map.of(), "http://localhost:8080/");
    }

    /** Works out what a build asks of a model, so that the next one has it to take over. */
    private static void warm(SiteModel model) {
        for (String language : List.of("fi", "sv")) {
            model.inLanguage(language);
            model.blogPosts(language);
            model.newestRevised(language, false);
            model.newestRevised(language, true);
            model.tagIndex(language);
        }
        model.variants().forEach(v -> {
            model.entryFingerprint(v);
            model.addresses(v.key());
        });
    }

    private static LiveVariant version(java.util.Random random, String key, String language) {
        List<String> words = List.of("Kissa", "kissa", "koira", "!!", "lintu", "Lintu", "hevonen");
        List<String> tags = new java.util.ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            tags.add(words.get(random.nextInt(words.size())));
        }
        java.time.OffsetDateTime day = java.time.OffsetDateTime.parse("2026-01-01T00:00:00+02:00").plusDays(random.nextInt(5));
        java.time.OffsetDateTime revised = random.nextBoolean() ? day : day.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        String slug = random.nextInt(15) == 0 ? "blog" : key + "-" + random.nextInt(3);
        String body = random.nextInt(5) == 0 ? "Kuva ![x](media:" + random.nextInt(3) + ")" : "Teksti " + random.nextInt(9);
        return new LiveVariant(key.hashCode(), key, random.nextBoolean() ? "blog_post" : "article", language, slug,
                key + " " + random.nextInt(9), "", body, List.copyOf(tags), List.of(),
                random.nextBoolean() ? day.plusHours(random.nextInt(3)) : null, 1, day, revised);
    }
}
