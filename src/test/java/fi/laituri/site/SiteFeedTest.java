package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The site feed's newest entries, found from each language's newest-first list, are those of a sort of every version. */
class SiteFeedTest {

    private static final List<Language> LANGUAGES = List.of(
            new Language("fi", "Suomi", "fi", "fi", "finnish", Optional.empty(), false),
            new Language("sv", "Svenska", "sv", "sv", "swedish", Optional.of("fi"), false),
            new Language("selko", "Selkosuomi", "fi-x-selko", "selko", "finnish", Optional.of("fi"), true));

    @Test
    void theSiteFeedHasTheNewestFiftyOfEveryVersionTiesWithinASecondIncluded() {
        Random random = new Random(3);
        List<LiveVariant> variants = new ArrayList<>();
        OffsetDateTime base = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 600; i++) {
            // The first 90 are Finnish and of the newest two seconds, so that the feed's fifty are Finnish and the
            // language's fiftieth newest shares its second with others; the rest are of few distinct seconds before.
            // Nanoseconds and offsets order versions within a second differently from the feed's order (the second,
            // then key and language).
            boolean newest = i < 90;
            Language language = newest ? LANGUAGES.get(0) : LANGUAGES.get(random.nextInt(LANGUAGES.size()));
            OffsetDateTime at = base.plusSeconds(newest ? 100 + random.nextInt(2) : random.nextInt(40))
                    .plusNanos(random.nextInt(1_000_000_000)).withOffsetSameInstant(ZoneOffset.ofHours(random.nextInt(3)));
            String key = newest ? "doc-" + i : "doc-" + random.nextInt(400);
            variants.add(new LiveVariant(i + 1, key, "article", language.code(), key + "-" + i, "Otsikko " + i, "", "",
                    List.of(), List.of(), random.nextBoolean() ? at : null, 1, at, at));
        }
        // One version a key and language, as in a real site.
        Map<String, LiveVariant> unique = new java.util.LinkedHashMap<>();
        variants.forEach(v -> unique.putIfAbsent(v.key() + "/" + v.language(), v));
        SiteModel site = new SiteModel(LANGUAGES, LANGUAGES.get(0), List.copyOf(unique.values()), Map.of(),
                "http://localhost:8080/");

        PlannedFile feed = new Feeds(new SiteMessages(Path.of("site-templates"))).plan(site, new ArrayList<>()).stream()
                .filter(f -> f.path().equals("/feed.xml") || f.path().equals("feed.xml")).findFirst().orElseThrow();
        String xml = new String(feed.render().render().bytes(), StandardCharsets.UTF_8);
        List<String> shown = new ArrayList<>();
        Matcher m = Pattern.compile("<entry[^>]*>\\s*<id>([^<]*)</id>").matcher(xml);
        while (m.find()) {
            shown.add(m.group(1));
        }

        Comparator<LiveVariant> feedOrder = Comparator.<LiveVariant>comparingLong(v -> SiteModel.published(v).toEpochSecond())
                .reversed().thenComparing(LiveVariant::key).thenComparing(LiveVariant::language);
        List<String> expected = site.variants().stream().sorted(feedOrder).limit(Feeds.ENTRIES)
                .map(v -> site.absolute(site.url(v))).toList();
        assertEquals(expected, shown);
    }
}
