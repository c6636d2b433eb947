package fi.laituri.site;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's own words in each language, from {@code i18n/<language>.properties} in the templates folder
 * (UTF-8), so that a theme brings its wording with it. Each file is read once.
 */
public final class SiteMessages {

    private final Path folder;
    private final Map<String, Map<String, String>> byLanguage = new ConcurrentHashMap<>();

    SiteMessages(Path templates) {
        this.folder = templates.resolve("i18n");
    }

    /** The messages of a site language; a language without its file is a configuration error. */
    public Map<String, String> of(String language) {
        return byLanguage.computeIfAbsent(language, this::load);
    }

    private Map<String, String> load(String language) {
        Path file = folder.resolve(language + ".properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the site templates have no messages for the language " + language
                    + ": " + file + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> messages = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
        return Map.copyOf(messages);
    }
}
