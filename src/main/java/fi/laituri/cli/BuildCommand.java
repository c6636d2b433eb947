package fi.laituri.cli;

import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the static site from what is published (live revisions only).",
                "Writes the build directory that is not live (OUT/builds/a or b), rendering only what changed since",
                "the live build, then switches the OUT/current link to it in one atomic step, so a web server",
                "pointed at OUT/current never sees a half-written site."})
public class BuildCommand extends AppCommand {

    @Option(names = "--out", defaultValue = "site", description = "output folder (default: ${DEFAULT-VALUE}; serve reads LAITURI_SITE_OUTPUT)")
    Path out;

    @Option(names = "--strict", description = "fail, and keep the previous site, when a page links to a missing or unpublished document")
    boolean strict;

    @Option(names = "--allow-shrink", description = {"publish even a build that deletes more than half of the live site",
            "(refused by default: it usually means the wrong or an empty database)"})
    boolean allowShrink;

    @Option(names = "--search-ndjson", paramLabel = "FILE",
            description = "also write the search documents to FILE as NDJSON for OpenSearch's _bulk API")
    Path searchNdjson;

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>(super.properties());
        if (searchNdjson != null) {
            properties.put("laituri.search.ndjson", searchNdjson.toAbsolutePath().toString());
        }
        return properties;
    }

    /**
     * The context's start-up leaves a core mostly idle: the build's libraries are made ready on it meanwhile, after the
     * JIT is told which code of the build is worth its optimising compiler ({@link BuildCompilation}).
     */
    @Override
    void beforeStart() {
        HeadStart.begin(BuildCompilation::apply);
    }

    @Override
    int run(Application app) {
        try (app) {
            SiteBuilder builder = app.bean(SiteBuilder.class);
            SiteBuilder.Progress shown = progress(System.out, System.console() != null);
            // A build says how many files it has before its first page: the index is then known to be small or not.
            SiteBuilder.Progress progress = (done, total) -> {
                if (done == 0) {
                    BuildCompilation.forFiles(total);
                }
                shown.update(done, total);
            };
            BuildReport report;
            try {
                report = allowShrink ? builder.build(out, strict, progress) : builder.buildUnlessItShrinks(out, strict, progress);
            } catch (SiteBuilder.WouldShrink e) {
                System.err.println("laituri: " + e.getMessage());
                return 1;
            } catch (UncheckedIOException e) {
                System.err.println("laituri: cannot write the site to " + out.toAbsolutePath() + ": " + Application.explain(e));
                return 1;
            }
            if (report.live() == null) {
                report.warnings().forEach(w -> System.err.println("laituri: " + w));
                System.err.println("laituri: --strict: " + report.warnings().size() + " problem(s); the site was not changed");
                return 1;
            }
            report.warnings().forEach(w -> System.err.println("warning: " + w));
            System.out.printf("Built %d files in %d ms: %d written, %d unchanged, %d deleted; %d warnings; search index %d ms."
                            + " Live at %s%n", report.files(), report.millis(), report.written().size(), report.unchanged(),
                    report.deleted().size(), report.warnings().size(), report.searchMillis(), out.resolve("current"));
            return 0;
        }
    }

    /** A bar redrawn in place on a terminal; elsewhere (logs, CI) a plain line every tenth of the way. */
    public static SiteBuilder.Progress progress(PrintStream out, boolean terminal) {
        return new SiteBuilder.Progress() {
            private int shown = -1;

            @Override
            public synchronized void update(int done, int total) {
                int percent = total == 0 ? 100 : done * 100 / total;
                int step = terminal ? percent : percent / 10 * 10;
                // Threads count their files before they report them, so a count can arrive after a higher one: the
                // bar only goes forward.
                if (step <= shown) {
                    return;
                }
                shown = step;
                if (terminal) {
                    int filled = percent * 30 / 100;
                    out.printf("\r[%s%s] %3d%% %d/%d files", "#".repeat(filled), " ".repeat(30 - filled), percent, done, total);
                    if (done == total) {
                        out.println();
                    }
                } else {
                    out.printf("building: %d%% (%d/%d files)%n", step, done, total);
                }
                out.flush();
            }
        };
    }
}
