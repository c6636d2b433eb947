package fi.laituri.site;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.FileLoader;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * The template engine and messages of the site, built once from the templates folder
 * ({@code laituri.site.templates}). Templates come from that folder only, never the classpath, so a site's
 * theme is exactly what is in it.
 */
@Factory
class SiteFactory {

    private final Path templates;

    SiteFactory(@Value("${laituri.site.templates}") String templates) {
        this.templates = Path.of(templates).toAbsolutePath().normalize();
    }

    /** Autoescaping on, so only what a template marks {@code |raw} is HTML; strict, so a typo fails loudly. */
    @Singleton
    PebbleEngine pebble() {
        FileLoader loader = new FileLoader();
        loader.setPrefix(templates.toString());
        loader.setCharset("UTF-8");
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .cacheActive(true)
                .build();
    }

    @Singleton
    SiteMessages messages() {
        return new SiteMessages(templates);
    }
}
