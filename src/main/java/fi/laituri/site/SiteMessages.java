package fi.laituri.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's own words in each language, from {@code i18n/<language>.properties} (UTF-8), so that a theme
 * brings its wording with it: the jar's default theme has a file for each language it knows, and the same
 * file in the templates folder overlays it key by key, so a site can change one word without copying the
 * rest (and a language the jar does not know needs every key there). Each language is read once.
 */
public final class SiteMessages {

    private final Path folder;
    private final Map<String, Map<String, String>> byLanguage = new ConcurrentHashMap<>();

    SiteMessages(Path templates) {
        this.folder = templates.resolve("i18n");
    }

    /** The messages of a site language; a language with no file in the jar nor the folder is a configuration error. */
    public Map<String, String> of(String language) {
        return byLanguage.computeIfAbsent(language, this::load);
    }

    private Map<String, String> load(String language) {
        String name = language + ".properties";
        Properties properties = new Properties();
        boolean found = false;
        try (InputStream theme = SiteMessages.class.getClassLoader().getResourceAsStream(SiteFactory.THEME + "/i18n/" + name)) {
            if (theme != null) {
                properties.load(new InputStreamReader(theme, StandardCharsets.UTF_8));
                found = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default theme's messages " + name, e);
        }
        Path file = folder.resolve(name);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
                found = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        if (!found) {
            throw new IllegalStateException("the site has no messages for the language " + language + ": add " + file);
        }
        Map<String, String> messages = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
        return Map.copyOf(messages);
    }
}
