package fi.laituri.search;

import fi.laituri.content.Kind;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the query parameters of a search into a {@link SearchIndex.Request}, or a 400 naming every bad one.
 * Any text is a valid query: Lucene syntax characters are just characters here (queries are built from
 * analysed words, never parsed), control characters become spaces; only its length is limited.
 */
@Singleton
class SearchRequests {

    static final int MAX_QUERY = 1000;
    private static final int MAX_PAGE = 100;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cs}]");

    private final Languages languages;

    SearchRequests(Languages languages) {
        this.languages = languages;
    }

    SearchIndex.Request parse(@Nullable String q, @Nullable String lang, @Nullable String kind, @Nullable String tag,
                              @Nullable String page) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        String text = q == null ? "" : CONTROL.matcher(q).replaceAll(" ").strip();
        if (text.length() > MAX_QUERY) {
            errors.add(new DomainException.FieldError("q", "at most " + MAX_QUERY + " characters"));
        }
        String language = language(lang, errors);
        if (kind != null && !kind.isBlank() && Kind.parse(kind).isEmpty()) {
            errors.add(new DomainException.FieldError("kind", "one of " + Arrays.stream(Kind.values()).map(Kind::code)
                    .collect(Collectors.joining(", "))));
        }
        if (tag != null && (tag.length() > 100 || CONTROL.matcher(tag).find())) {
            errors.add(new DomainException.FieldError("tag", "at most 100 characters, no control characters"));
        }
        int number = 1;
        if (page != null && !page.isBlank()) {
            try {
                number = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1 || number > MAX_PAGE) {
                errors.add(new DomainException.FieldError("page", "a whole number from 1 to " + MAX_PAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new SearchIndex.Request(text, language, blankToNull(kind), blankToNull(tag), number);
    }

    /** The requested language, or the default one when none is named. */
    String language(@Nullable String lang, List<DomainException.FieldError> errors) {
        if (lang == null || lang.isBlank()) {
            return languages.defaultLanguage().code();
        }
        if (!languages.isConfigured(lang)) {
            errors.add(new DomainException.FieldError("lang", "unknown language " + CONTROL.matcher(abbreviate(lang)).replaceAll("?")
                    + "; this site has " + languages.all().stream().map(Language::code).collect(Collectors.joining(", "))));
            return languages.defaultLanguage().code();
        }
        return lang;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
