package fi.laituri.desk;

import fi.laituri.HtmlEscaping;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The desk's own Pebble engine (autoescaping on, by {@link HtmlEscaping} as the site's; strict) over the templates in
 * the jar's {@code desk/templates}, and its words in Finnish, Swedish and English ({@code desk/i18n/<lang>.properties},
 * the same keys in each). Not a theme: the desk looks the same on every site. Not a bean of type PebbleEngine, so the
 * site's engine stays the one.
 */
@Singleton
class DeskTemplates {

    /** The languages of the desk itself, whatever languages the site has. */
    static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    private final PebbleEngine pebble;
    private final Map<String, Map<String, String>> messages = new HashMap<>();

    DeskTemplates(@io.micronaut.context.annotation.Value("${laituri.time-zone:Europe/Helsinki}") String zone) {
        java.time.ZoneId timeZone = java.time.ZoneId.of(zone);
        ClasspathLoader loader = new ClasspathLoader(DeskTemplates.class.getClassLoader());
        loader.setPrefix("desk/templates");
        loader.setCharset("UTF-8");
        this.pebble = new PebbleEngine.Builder().loader(loader).autoEscaping(true)
                .addEscapingStrategy(HtmlEscaping.NAME, new HtmlEscaping()).strictVariables(true)
                .cacheActive(true).extension(new io.pebbletemplates.pebble.extension.AbstractExtension() {
                    @Override
                    public Map<String, io.pebbletemplates.pebble.extension.Filter> getFilters() {
                        return Map.of("local", new LocalTime(timeZone));
                    }
                }).build();
        for (String language : LANGUAGES) {
            messages.put(language, load(language));
        }
    }

    Map<String, String> messages(String language) {
        return messages.getOrDefault(language, messages.get("fi"));
    }

    String render(String template, String language, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("t", messages(language));
        variables.put("lang", language);
        StringWriter out = new StringWriter();
        try {
            pebble.getTemplate(template + ".peb").evaluate(out, variables, Locale.forLanguageTag(language));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, String> load(String language) {
        String path = "desk/i18n/" + language + ".properties";
        try (InputStream in = DeskTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> words = new HashMap<>();
            properties.stringPropertyNames().forEach(k -> words.put(k, properties.getProperty(k)));
            return Map.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {{ instant | local }}}: a moment as the site's local time, to the minute ({@code 2026-12-02 16:05}). */
    private record LocalTime(java.time.ZoneId zone) implements io.pebbletemplates.pebble.extension.Filter {

        private static final java.time.format.DateTimeFormatter FORMAT =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, io.pebbletemplates.pebble.template.PebbleTemplate self,
                            io.pebbletemplates.pebble.template.EvaluationContext context, int lineNumber) {
            if (input instanceof java.time.Instant instant) {
                return FORMAT.format(instant.atZone(zone));
            }
            if (input instanceof java.time.OffsetDateTime time) {
                return FORMAT.format(time.atZoneSameInstant(zone));
            }
            return input == null ? "" : input.toString();
        }
    }
}
