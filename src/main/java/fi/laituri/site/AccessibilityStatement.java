package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accessibility statement as Act 306/2019 and the EU model statement (Commission Implementing Decision
 * 2018/1523) shape it. The statement is the content of the document {@link PageLinks#ACCESSIBILITY_STATEMENT}; its
 * structure is the theme's: its body must have a section under each heading the language's {@code statementHeadings}
 * message lists (the compliance status; the content that is not accessible, with the WCAG criteria, the reasons
 * and the accessible alternative; content outside the law or a disproportionate burden; how the statement was
 * prepared and the accessibility assessed; feedback and asking for content in an accessible form; the supervising
 * authority), and the status section must begin with one of the three sentences {@code statementStatus_full},
 * {@code _partial} and {@code _not}. The page adds what the site knows itself: the compliance status, the site's
 * address, when the statement was prepared (first published) and last reviewed (its date, else its live revision).
 *
 * @param status   {@code full}, {@code partial} or {@code not}; null when the status section has none of the sentences
 * @param site     the site's address, its home in the statement's language
 * @param prepared when the statement was first published
 * @param reviewed when it was last reviewed
 */
public record AccessibilityStatement(@Nullable String status, String site, OffsetDateTime prepared,
                                     OffsetDateTime reviewed) {

    static final List<String> STATUSES = List.of("full", "partial", "not");
    /** A statement not reviewed for this long is reported by every build. */
    static final Duration REVIEW_AT_LEAST_EVERY = Duration.ofDays(365);

    /**
     * The statement of a live version of the statement document; what it lacks or how old it is goes into
     * {@code warnings}, naming the document and language.
     */
    static AccessibilityStatement of(LiveVariant v, String site, Map<String, String> messages, Instant now,
                                     List<String> warnings) {
        String where = v.key() + " (" + v.language() + "): ";
        List<String> headings = headings(v.body());
        for (String required : messages.get("statementHeadings").split("\\|")) {
            if (headings.stream().noneMatch(h -> same(h, required))) {
                warnings.add(where + "the accessibility statement has no section \"" + required.strip()
                        + "\" (a heading ## " + required.strip() + "), which the law asks for");
            }
        }
        String status = status(v.body(), messages);
        if (status == null) {
            warnings.add(where + "the section \"" + messages.get("statementHeadings").split("\\|")[0].strip()
                    + "\" must begin with one of the sentences: " + String.join(" / ",
                    STATUSES.stream().map(s -> messages.get("statementStatus_" + s)).toList()));
        }
        OffsetDateTime reviewed = v.date() != null ? v.date() : v.revised();
        OffsetDateTime prepared = v.firstPublished() != null ? v.firstPublished() : reviewed;
        if (Duration.between(reviewed.toInstant(), now).compareTo(REVIEW_AT_LEAST_EVERY) > 0) {
            warnings.add(where + "the accessibility statement was last reviewed on " + reviewed.toLocalDate()
                    + ", more than a year ago: review it and set its date to the day of the review");
        }
        return new AccessibilityStatement(status, site, prepared, reviewed);
    }

    /** The texts of the body's second-level headings ({@code ## ...}), the statement's sections. */
    private static List<String> headings(String body) {
        List<String> headings = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("## ")) {
                headings.add(line.substring(3).strip());
            }
        }
        return headings;
    }

    /** The status whose sentence begins the first section (the status section); null when none does. */
    private static @Nullable String status(String body, Map<String, String> messages) {
        String heading = messages.get("statementHeadings").split("\\|")[0];
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("## ") && same(lines[i].substring(3), heading)) {
                StringBuilder paragraph = new StringBuilder();
                for (int j = i + 1; j < lines.length && !(lines[j].isBlank() && paragraph.length() > 0); j++) {
                    paragraph.append(lines[j].strip()).append(' ');
                }
                String text = normal(paragraph.toString());
                return STATUSES.stream().filter(s -> text.startsWith(normal(messages.get("statementStatus_" + s))))
                        .findFirst().orElse(null);
            }
        }
        return null;
    }

    private static boolean same(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
