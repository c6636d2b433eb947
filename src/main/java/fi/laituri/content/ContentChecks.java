package fi.laituri.content;

import fi.laituri.language.Languages;
import fi.laituri.markdown.MarkdownLimits;
import fi.laituri.markdown.Slugs;
import fi.laituri.DomainException;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules that documents, authors and the content folder share: what a key, a language, a kind and
 * the text of a variant may be. Each check throws the 400 the client sees, naming the field.
 */
@Singleton
class ContentChecks {

    /**
     * The range MariaDB's DATETIME holds (years 1000-9999), less a day at each end for the time zone
     * the driver converts into. A date outside it would fail in the database, after validation.
     */
    private static final Instant EARLIEST_DATE = Instant.parse("1000-01-02T00:00:00Z");
    private static final Instant LATEST_DATE = Instant.parse("9999-12-30T23:59:59Z");

    private final Languages languages;
    private final AuthorRepository authors;

    ContentChecks(Languages languages, AuthorRepository authors) {
        this.languages = languages;
        this.authors = authors;
    }

    /** Turns client input into content: validated, normalised, slug resolved. */
    VariantContent toContent(Api.VariantInput input, Variant current, String field) {
        return toContent(input, current, field, null);
    }

    /**
     * As {@link #toContent(Api.VariantInput, Variant, String)}; {@code authorsKnown}, when not null, holds the
     * authors already found, and those found now are added (an import checks thousands of bylines of a few authors).
     */
    VariantContent toContent(Api.VariantInput input, Variant current, String field, Set<String> authorsKnown) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        String title = input.title() == null ? "" : input.title().strip();
        if (title.isEmpty()) {
            errors.add(new DomainException.FieldError(field + "title", "must not be blank"));
        }
        checkText(errors, field + "title", title, false);
        checkText(errors, field + "summary", input.summary(), true);
        checkText(errors, field + "body", input.body(), true);
        MarkdownLimits.check(input.body()).ifPresent(over -> errors.add(new DomainException.FieldError(field + "body", over)));
        String slug = input.slug() != null ? input.slug() : current != null ? current.slug() : null;
        if (slug != null && !Slugs.isValid(slug)) {
            errors.add(new DomainException.FieldError(field + "slug",
                    "a slug is 1-" + Slugs.MAX_LENGTH + " lowercase letters a-z, digits and single hyphens"));
        } else if (slug != null && Slugs.isReserved(slug) && (current == null || !slug.equals(current.slug()))) {
            // A page that took the name before it was reserved can still be edited; the build reports it.
            errors.add(new DomainException.FieldError(field + "slug", "the site uses " + slug + " for its own pages (reserved: "
                    + String.join(", ", Slugs.RESERVED.stream().sorted().toList()) + "); choose another slug"));
        }
        List<String> tags = normalise(input.tags());
        tags.forEach(t -> checkText(errors, field + "tags", t, false));
        List<String> authorIds = normalise(input.authors());
        Instant date = input.date() == null ? null : input.date().toInstant();
        if (date != null && (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE))) {
            errors.add(new DomainException.FieldError(field + "date", "must be between the years 1000 and 9999"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (authorsKnown == null || !authorsKnown.containsAll(authorIds)) {
            requireAuthorsExist(field + "authors", authorIds);
            if (authorsKnown != null) {
                authorsKnown.addAll(authorIds);
            }
        }
        return new VariantContent(slug, title, input.summary() == null ? "" : input.summary().strip(),
                input.body() == null ? "" : input.body(), tags, authorIds, date);
    }

    private static void checkText(List<DomainException.FieldError> errors, String field, String text, boolean multiline) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean allowedWhitespace = ch == '\t' || (multiline && (ch == '\n' || ch == '\r'));
            if ((Character.isISOControl(ch) && !allowedWhitespace) || Character.isSurrogate(ch)
                    && !(Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                errors.add(new DomainException.FieldError(field, "contains a control character or broken Unicode at position " + i));
                return;
            }
        }
    }

    private static List<String> normalise(List<String> values) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        values.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).forEach(set::add);
        return List.copyOf(set);
    }

    void requireAuthorsExist(String field, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> known = authors.findByIdIn(ids).stream().map(Author::id).toList();
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(field, "unknown author " + String.join(", ", unknown)
                    + "; create it under /api/v1/authors first");
        }
    }

    Kind parseKind(String code) {
        return Kind.parse(code).orElseThrow(() -> DomainException.invalid("kind",
                "unknown kind; one of " + codes(Kind.values(), Kind::code)));
    }

    String requireLanguage(String field, String code) {
        if (code == null || code.isBlank()) {
            throw DomainException.invalid(field, "must name a language");
        }
        if (!languages.isConfigured(code)) {
            throw DomainException.invalid(field, "unknown language " + code.replaceAll("\\p{Cntrl}", "?")
                    + "; this site has " + languages.all().stream().map(l -> l.code()).collect(Collectors.joining(", ")));
        }
        return code;
    }

    static String validKey(String key) {
        if (!Slugs.isValid(key)) {
            throw DomainException.invalid("key", "a key is lowercase letters a-z, digits and single hyphens");
        }
        return key;
    }

    static String validAuthorId(String id) {
        if (!Slugs.isValid(id)) {
            throw DomainException.invalid("id", "an author id is lowercase letters a-z, digits and single hyphens");
        }
        return id;
    }

    static <E> String codes(E[] values, Function<E, String> code) {
        return Arrays.stream(values).map(code).collect(Collectors.joining(", "));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
