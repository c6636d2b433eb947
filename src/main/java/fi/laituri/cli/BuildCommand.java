package fi.laituri.cli;

import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the static site from what is published (live revisions only).",
                "Writes OUT/builds/<hash>/ and then switches the OUT/current link to it in one atomic step,",
                "so a web server pointed at OUT/current never sees a half-written site."})
class BuildCommand extends AppCommand {

    @Option(names = "--out", defaultValue = "site", description = "output folder (default: ${DEFAULT-VALUE}; serve reads LAITURI_SITE_OUTPUT)")
    Path out;

    @Option(names = "--strict", description = "fail, and keep the previous site, when a page links to a missing or unpublished document")
    boolean strict;

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

    @Override
    int run(Application app) {
        try (app) {
            BuildReport report = app.bean(SiteBuilder.class).build(out, strict);
            if (report.live() == null) {
                report.warnings().forEach(w -> System.err.println("laituri: " + w));
                System.err.println("laituri: --strict: " + report.warnings().size() + " problem(s); the site was not changed");
                return 1;
            }
            report.warnings().forEach(w -> System.err.println("warning: " + w));
            System.out.printf("Built %d files into %s (%d warnings, %d ms); live at %s%n", report.files(),
                    report.live(), report.warnings().size(), report.millis(), out.resolve("current"));
            return 0;
        }
    }
}
