package fi.laituri.cli;

import fi.laituri.FileTrees;
import fi.laituri.content.ContentFolder;
import fi.laituri.security.AdminBootstrap;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Import the content folder and serve the editorial API, printing an admin token.",
                "Without ./content (and no --content) the demo's own seed content, packaged in the jar, is imported.",
                "Uses the embedded database unless LAITURI_DB_URL is set."})
class DemoCommand extends ServingCommand {

    private static final Path DEFAULT_CONTENT = Path.of("content");

    @Option(names = "--content", description = "content folder (default: ./content if there is one, else the seed content in the jar)")
    Path contentDir;

    @Option(names = "--site", defaultValue = "${env:LAITURI_SITE_OUTPUT:-site}", description = "where the built site goes (default: LAITURI_SITE_OUTPUT or site)")
    String siteOutput;

    @Override
    void beforeStart() {
        if (contentDir != null && !Files.isDirectory(contentDir)) {
            throw new Application.StartupFailure("no content folder at " + contentDir.toAbsolutePath());
        }
        super.beforeStart();
    }

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>(super.properties());
        properties.put("laituri.site.output", siteOutput);
        return properties;
    }

    @Override
    void startServing(Application app, String url) throws Exception {
        long start = System.nanoTime();
        ImportCommand.print(importContent(app.bean(ContentFolder.class)), (System.nanoTime() - start) / 1_000_000);
        String token = app.bean(AdminBootstrap.class)
                .demoToken(Optional.ofNullable(env.get("LAITURI_ADMIN_TOKEN")).filter(t -> !t.isBlank()));
        Optional<String> password = app.bean(AdminBootstrap.class).demoPassword();
        BuildReport site = app.bean(SiteBuilder.class).build(Path.of(siteOutput));
        System.out.println();
        System.out.println("Laituri demo is running (database: " + app.databaseDescription() + ")");
        System.out.println("  public site    " + url + "fi/   (" + site.files() + " files, rebuilt on every publish)");
        System.out.println("  editorial API  " + url + "api/v1/documents");
        System.out.println("  OpenAPI        " + url + "openapi/laituri.yml");
        System.out.println("  health         " + url + "health");
        System.out.println("  admin token    " + token);
        System.out.println("  desk           " + url + "desk/   sign in as admin, " + password
                .map(p -> "password " + p + " (shown only now; change it under Account)")
                .orElse("with the password set before (java -jar laituri.jar user password --name admin sets another)"));
        System.out.println();
        System.out.println("Try: curl -H 'Authorization: Bearer " + token + "' " + url + "api/v1/documents");
        System.out.println("Stop with Ctrl+C.");
    }

    private ContentFolder.ImportReport importContent(ContentFolder folder) throws Exception {
        if (contentDir != null) {
            return folder.importFrom(contentDir);
        }
        if (Files.isDirectory(DEFAULT_CONTENT)) {
            return folder.importFrom(DEFAULT_CONTENT);
        }
        Path seed = SeedContent.extract();
        try {
            System.out.println("No ./content folder: importing the demo's seed content.");
            return folder.importFrom(seed);
        } finally {
            FileTrees.delete(seed);
        }
    }
}
