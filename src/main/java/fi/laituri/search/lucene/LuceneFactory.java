package fi.laituri.search.lucene;

import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
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
    LuceneSearchIndex searchIndex(Analysis analysis, Languages languages, Clock clock,
                                  @Value("${laituri.search.index:}") String index,
                                  @Value("${laituri.site.output:site}") String siteOutput) {
        Path dir = index.isBlank() ? Path.of(siteOutput, "search") : Path.of(index);
        return new LuceneSearchIndex(analysis, dir, languages.all().stream().map(Language::code).toList(), clock);
    }
}
