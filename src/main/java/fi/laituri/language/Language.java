package fi.laituri.language;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A site language. {@code source} is the language its versions are translated (or, when
 * {@code adaptation}, freely adapted) from; empty for an original language.
 */
public record Language(String code, String name, String htmlLang, String prefix, String analyzer,
                       Optional<String> source, boolean adaptation) {

    /** Locales by language tag: a site build asks for its few languages' once per page, and making one is not cheap. */
    private static final Map<String, Locale> LOCALES = new ConcurrentHashMap<>();
    private static final int MAX_LOCALES = 256;

    /** The locale of a language tag ({@link Locale#forLanguageTag}), made once per tag. */
    public static Locale locale(String tag) {
        Locale known = LOCALES.get(tag);
        if (known != null) {
            return known;
        }
        Locale made = Locale.forLanguageTag(tag);
        if (LOCALES.size() < MAX_LOCALES) {
            LOCALES.put(tag, made);
        }
        return made;
    }

    /** The locale of {@link #htmlLang()}. */
    public Locale locale() {
        return locale(htmlLang);
    }
}
