package fi.laituri.language;

import java.util.Optional;

/**
 * A site language. {@code source} is the language its versions are translated (or, when
 * {@code adaptation}, freely adapted) from; empty for an original language.
 */
public record Language(String code, String name, String htmlLang, String prefix, String analyzer,
                       Optional<String> source, boolean adaptation) {
}
