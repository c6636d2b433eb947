package fi.laituri.cli;

import fi.laituri.security.AdminBootstrap;
import fi.laituri.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the editorial API and the built site (rebuilt whenever something is published).",
                "On the first start with no users an admin is created: with LAITURI_ADMIN_TOKEN as its token",
                "if set, otherwise with a random token that is printed once."})
class ServeCommand extends AppCommand {

    @Option(names = "--port", description = "HTTP port (default: LAITURI_PORT or 8080; 0 picks a free one)")
    Integer port;

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("laituri.site.auto-build", true);
        if (port != null) {
            properties.put("micronaut.server.port", port);
        }
        return properties;
    }

    @Override
    int run(Application app) throws Exception {
        Optional<String> token = app.bean(AdminBootstrap.class)
                .onFirstStart(Optional.ofNullable(env.get("LAITURI_ADMIN_TOKEN")).filter(t -> !t.isBlank()));
        app.bean(SiteBuilder.class).build(Path.of(app.property("laituri.site.output")));
        String url = app.serve();
        token.ifPresent(t -> System.out.println("Created user admin. Its API token, shown only now: " + t));
        System.out.println("Laituri serves " + url + " (database: " + app.databaseDescription() + ")");
        app.awaitShutdown();
        return 0;
    }
}
