package fi.laituri.cli;

import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.search.SearchIndex;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "search", mixinStandardHelpOptions = true, description = "Look into the site's search index.",
        subcommands = SearchCommand.Explain.class)
class SearchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Why pages rank where they do for a query: the first hits (and --doc wherever it ranks),",
                    "each with Lucene's explanation of its score. Reads the index only; no database is needed."})
    static class Explain implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "QUERY", description = "the words, as a reader would search them")
        String query;

        @Option(names = "--language", defaultValue = "fi", description = "the language searched (default: ${DEFAULT-VALUE})")
        String language;

        @Option(names = "--doc", paramLabel = "ID", description = "also explain this page, <key>:<language> (such as partnership-goals:fi)")
        String doc;

        @Option(names = "--limit", defaultValue = "3", description = "how many of the first hits to explain (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--index", paramLabel = "DIR",
                description = "the search folder (default: <LAITURI_SITE_OUTPUT or site>/search)")
        Path index;

        @Override
        public Integer call() {
            Path dir = index != null ? index
                    : Path.of(System.getenv().getOrDefault("LAITURI_SITE_OUTPUT", "site"), "search");
            if (!Files.isDirectory(dir)) {
                System.err.println("laituri: no search index at " + dir.toAbsolutePath() + " (build the site, or name it with --index)");
                return 2;
            }
            if (limit < 0 || limit > 100) {
                System.err.println("laituri: --limit: a whole number from 0 to 100");
                return 2;
            }
            try (ApplicationContext context = SearchNode.start(Map.of("laituri.search.index", dir.toAbsolutePath().toString()))) {
                List<String> codes = context.getBean(Languages.class).all().stream().map(Language::code).toList();
                if (!codes.contains(language)) {
                    System.err.println("laituri: --language: one of " + String.join(", ", codes));
                    return 2;
                }
                SearchIndex.Explanation explained = context.getBean(SearchIndex.class)
                        .explain(new SearchIndex.Request(query, language, null, null, 1), doc, limit);
                print(explained);
                return 0;
            }
        }

        private static void print(SearchIndex.Explanation e) {
            System.out.printf("Query \"%s\" in %s, searched as \"%s\": %d page(s) explained%n", e.query(), e.language(),
                    e.searched(), e.hits().size());
            for (SearchIndex.ExplainedHit hit : e.hits()) {
                System.out.println();
                System.out.printf("%s %s  score %.4f  %s%n", hit.rank() == 0 ? "not ranked" : "#" + hit.rank(), hit.id(),
                        hit.score(), hit.title() == null ? "" : hit.title());
                hit.explanation().lines().forEach(line -> System.out.println("  " + line));
            }
        }
    }
}
