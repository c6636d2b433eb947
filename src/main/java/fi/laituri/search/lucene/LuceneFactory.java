package fi.laituri.search.lucene;

import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search engine's parts, built once: the analysis chains of the configured languages, the indexer, and
 * the searcher of {@code laituri.search.index} (by default {@code <laituri.site.output>/search}, where the
 * site build writes it).
 */
@Factory
class LuceneFactory {

    @Singleton
    Analysis analysis(Languages languages) {
        Map<String, String> analyzers = new LinkedHashMap<>();
        for (Language l : languages.all()) {
            analyzers.put(l.code(), l.analyzer() == null ? "standard" : l.analyzer());
        }
        return new Analysis(analyzers);
    }

    @Singleton
    LuceneIndexer indexer(Analysis analysis) {
        return new LuceneIndexer(analysis);
    }

    @Singleton
    @Bean(preDestroy = "close")
    LuceneSearchIndex searchIndex(Analysis analysis, Languages languages, Clock clock, PropertyResolver config,
                                  @Value("${laituri.search.index:}") String index,
                                  @Value("${laituri.site.output:site}") String siteOutput) {
        Path dir = index.isBlank() ? Path.of(siteOutput, "search") : Path.of(index);
        return new LuceneSearchIndex(analysis, dir, languages.all().stream().map(Language::code).toList(), clock,
                weights(config));
    }

    /** {@code laituri.search.ranking.*}: each of {@link Ranking.Weights}, by default its measured value. */
    static Ranking.Weights weights(PropertyResolver config) {
        Ranking.Weights d = Ranking.Weights.DEFAULTS;
        return new Ranking.Weights(weight(config, "title", d.title()), weight(config, "summary", d.summary()),
                weight(config, "tags", d.tags()), weight(config, "body", d.body()), weight(config, "authors", d.authors()),
                weight(config, "title-loose", d.titleLoose()), weight(config, "loose", d.loose()),
                weight(config, "tie", d.tie()), weight(config, "all-words", d.allWords()),
                weight(config, "phrase", d.phrase()), (int) weight(config, "slop", d.slop()),
                weight(config, "title-k1", d.titleK1()), weight(config, "title-b", d.titleB()),
                weight(config, "recency", d.recency()), weight(config, "tag", d.tag()),
                weight(config, "compound", d.compound()), weight(config, "pages", d.pages()),
                weight(config, "text-b", d.textB()), candidates(config, d.candidates()));
    }

    private static int candidates(PropertyResolver config, int fallback) {
        String key = "laituri.search.ranking.candidates";
        int value = config.getProperty(key, Integer.class).orElse(fallback);
        if (value < 1 || value > Ranking.Weights.MAX_CANDIDATES) {
            throw new IllegalArgumentException(key + " must be a whole number from 1 to "
                    + Ranking.Weights.MAX_CANDIDATES + ", not " + value);
        }
        return value;
    }

    private static float weight(PropertyResolver config, String name, float fallback) {
        String key = "laituri.search.ranking." + name;
        float value = config.getProperty(key, Float.class).orElse(fallback);
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a number of 0 or more, not " + value);
        }
        return value;
    }
}
