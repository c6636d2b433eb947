package fi.laituri.cli;

import fi.laituri.security.AdminBootstrap;
import fi.laituri.site.SiteBuilder;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the editorial API and the built site (rebuilt whenever something is published).",
                "On the first start with no users an admin is created: with LAITURI_ADMIN_TOKEN as its token",
                "if set, otherwise with a random token that is printed once."})
class ServeCommand extends ServingCommand {

    @Override
    void startServing(Application app, String url) {
        if (baseUrlIsLocal()) {
            System.err.println("laituri: warning: LAITURI_SITE_BASE_URL is not set, so the site's feeds, canonical and"
                    + " hreflang links and sitemaps point at " + app.property("laituri.site.base-url"));
        }
        app.bean(AdminBootstrap.class)
                .onFirstStart(Optional.ofNullable(env.get("LAITURI_ADMIN_TOKEN")).filter(t -> !t.isBlank()))
                .ifPresent(t -> System.out.println("Created user admin. Its API token, shown only now: " + t));
        app.bean(SiteBuilder.class).build(Path.of(app.property("laituri.site.output")));
        System.out.println("Laituri serves " + url + " (database: " + app.databaseDescription() + ")");
    }
}
