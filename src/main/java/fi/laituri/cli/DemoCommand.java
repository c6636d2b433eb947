package fi.laituri.cli;

import fi.laituri.content.ContentFolder;
import fi.laituri.security.AdminBootstrap;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Import the content folder and serve the editorial API, printing an admin token.",
                "Uses the embedded database unless LAITURI_DB_URL is set."})
class DemoCommand extends AppCommand {

    @Option(names = "--content", defaultValue = "content", description = "content folder (default: ${DEFAULT-VALUE})")
    Path contentDir;

    @Option(names = "--port", description = "HTTP port (default: LAITURI_PORT or 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--site", defaultValue = "${env:LAITURI_SITE_OUTPUT:-site}", description = "where the built site goes (default: LAITURI_SITE_OUTPUT or site)")
    String siteOutput;

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("laituri.site.auto-build", true);
        properties.put("laituri.site.output", siteOutput);
        if (port != null) {
            properties.put("micronaut.server.port", port);
        }
        return properties;
    }

    @Override
    int run(Application app) throws Exception {
        ContentFolder.ImportReport report = app.bean(ContentFolder.class).importFrom(contentDir);
        ImportCommand.print(report);
        String token = app.bean(AdminBootstrap.class)
                .demoToken(Optional.ofNullable(env.get("LAITURI_ADMIN_TOKEN")).filter(t -> !t.isBlank()));
        BuildReport site = app.bean(SiteBuilder.class).build(Path.of(siteOutput));
        String url = app.serve();
        System.out.println();
        System.out.println("Laituri demo is running (database: " + app.databaseDescription() + ")");
        System.out.println("  public site    " + url + "fi/   (" + site.files() + " files, rebuilt on every publish)");
        System.out.println("  editorial API  " + url + "api/v1/documents");
        System.out.println("  OpenAPI        " + url + "openapi/laituri.yml");
        System.out.println("  health         " + url + "health");
        System.out.println("  admin token    " + token);
        System.out.println();
        System.out.println("Try: curl -H 'Authorization: Bearer " + token + "' " + url + "api/v1/documents");
        System.out.println("Stop with Ctrl+C.");
        app.awaitShutdown();
        return 0;
    }
}
