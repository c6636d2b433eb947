package fi.laituri.site;

import fi.laituri.HtmlEscaping;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.micronaut.context.annotation.Value;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The template engine and messages of the site, built once. The default theme ships in the jar
 * ({@link #THEME}); the templates folder ({@code laituri.site.templates}) overrides it file by file, as a
 * Hugo site overrides its theme: a template there replaces the jar's one of the same name, and a messages
 * file there overlays the jar's one key by key.
 */
@Factory
class SiteFactory {

    /** Where the default theme is on the classpath: the repository's {@code site-templates/}, packaged. */
    static final String THEME = "fi/laituri/site/theme";

    private final Path templates;
    private final SiteTheme theme;

    @jakarta.inject.Inject
    SiteFactory(@Value("${laituri.site.templates}") String templates,
                @io.micronaut.core.annotation.Nullable @Property(name = "laituri.site.colours") @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
                Map<String, String> colours,
                @Value("${laituri.site.logo:}") String logo) {
        this.templates = Path.of(templates).toAbsolutePath().normalize();
        this.theme = new SiteTheme(this.templates, colours == null ? Map.of() : colours, logo);
    }

    /** The default theme from a templates folder, without configuration: for renderers made by hand. */
    SiteFactory(String templates) {
        this(templates, Map.of(), "");
    }

    /**
     * Autoescaping on, so only what a template marks {@code |raw} is HTML, escaped by {@link HtmlEscaping} in place of
     * Pebble's own (the same output, faster); strict, so a typo fails loudly. Other
     * features lend the templates values through Pebble extensions (participation: where its forms post); their
     * global variables go into every page's fingerprint ({@link SiteBuilder}).
     */
    @Singleton
    PebbleEngine pebble(List<Extension> extensions) {
        return engine(extensions);
    }

    /** The engine alone, as the theme's tests use it: the templates then see no other feature's values. */
    PebbleEngine pebble() {
        return engine(List.of());
    }

    private PebbleEngine engine(List<Extension> extensions) {
        FileLoader override = new FileLoader();
        override.setPrefix(templates.toString());
        ClasspathLoader theme = new ClasspathLoader(SiteFactory.class.getClassLoader());
        theme.setPrefix(THEME);
        List<Loader<?>> loaders = List.of(override, theme);
        DelegatingLoader loader = new DelegatingLoader(loaders);
        loader.setCharset("UTF-8");
        return new PebbleEngine.Builder()
                .loader(new RememberingLoader(loader))
                .extension(new AbstractExtension() {
                    @Override
                    public Map<String, Object> getGlobalVariables() {
                        return Map.of("theme", SiteFactory.this.theme.variables());
                    }

                    @Override
                    public Map<String, io.pebbletemplates.pebble.extension.Filter> getFilters() {
                        Map<String, io.pebbletemplates.pebble.extension.Filter> filters =
                                new java.util.HashMap<>(HyphenationFilters.all());
                        // In place of Pebble's own, which makes its formatter at every use.
                        filters.put("date", new DateFilter());
                        return filters;
                    }
                })
                .autoEscaping(true)
                .addEscapingStrategy(HtmlEscaping.NAME, new HtmlEscaping())
                .strictVariables(true)
                .cacheActive(true)
                .extension(extensions.toArray(Extension[]::new))
                .build();
    }

    @Singleton
    SiteTheme theme() {
        return theme;
    }

    @Singleton
    SiteMessages messages() {
        return new SiteMessages(templates);
    }
}
