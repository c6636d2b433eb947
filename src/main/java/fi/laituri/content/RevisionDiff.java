package fi.laituri.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed between two revisions of a variant: the short fields side by side, and the Markdown
 * body as hunks, either of lines with context (like a unified diff) or of words within each changed
 * paragraph. Line endings do not count: the body is compared as lines, so CRLF and LF are the same,
 * and so is a final newline or its absence.
 */
public final class RevisionDiff {

    /** The endpoint's description in the OpenAPI document: the shape of the answer. */
    static final String DESCRIPTION = """
            `from` and `to` are revision numbers, in either order; `mode` is `line` (the default) or `word`.

            `fields` lists the fields that differ, among title, slug, summary, tags, authors and date, as
            `{"field": "title", "from": "Vanha otsikko", "to": "Uusi otsikko"}`; tags and authors are arrays,
            a date is an ISO 8601 string or null.

            `hunks` shows how the Markdown body changed; it is empty when the bodies are the same. Line
            endings do not count: CRLF and LF are the same, and so is a final newline or its absence.
            Every hunk has `fromLine`, `fromCount`, `toLine` and `toCount`, numbered from 1 as in a
            unified diff (when a count is 0, the line is the one after which the change goes; 0 is before
            the first).

            - `line` mode: each hunk has `lines`, each `{"op": "equal" | "delete" | "insert", "text": "…"}`
              (without the line ending), with up to 3 unchanged lines around the changes; changes at most
              6 unchanged lines apart share a hunk.
            - `word` mode: each hunk covers one changed paragraph (or several, when a change joins or
              splits them) and has `tokens`, each `{"op": …, "text": …}`: runs of words, whitespace and
              punctuation. The texts of the `equal` and `delete` tokens in order are the hunk's old lines
              joined by `\\n`; those of `equal` and `insert`, its new lines. Between two `equal` runs the
              deleted text comes before the inserted.

            Example: `{"from": 1, "to": 3, "mode": "line", "fields": [{"field": "title", "from": "Kesä",
            "to": "Kesäloma"}], "hunks": [{"fromLine": 1, "fromCount": 3, "toLine": 1, "toCount": 3,
            "lines": [{"op": "equal", "text": "Ensimmäinen kappale."}, {"op": "equal", "text": ""},
            {"op": "delete", "text": "Vanha lause."}, {"op": "insert", "text": "Uusi lause."}]}]}`

            An unknown revision is a 404; a missing or non-numeric `from` or `to`, an unknown `mode`
            or language, a 400.
            """;

    private RevisionDiff() {
    }

    public enum Mode {
        LINE("line"), WORD("word");

        private final String code;

        Mode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Mode> parse(String code) {
            for (Mode m : values()) {
                if (m.code.equals(code)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** The whole answer; {@code fields} lists only the fields that differ. */
    @Serdeable
    public record Diff(int from, int to, String mode, List<FieldChange> fields, List<Hunk> hunks) {
    }

    /** A field whose value differs; {@code from} and {@code to} are strings, lists of strings, or null. */
    @Serdeable
    public record FieldChange(String field,
                              @Nullable @Schema(oneOf = {String.class, List.class}) Object from,
                              @Nullable @Schema(oneOf = {String.class, List.class}) Object to) {
    }

    /**
     * A stretch of the body that changed. Lines are numbered from 1; when a count is 0 the line is the
     * one after which the other side's lines go (0: before the first), as in a unified diff.
     */
    @Schema(oneOf = {LineHunk.class, WordHunk.class})
    public sealed interface Hunk permits LineHunk, WordHunk {
        int fromLine();

        int fromCount();

        int toLine();

        int toCount();
    }

    /** Changed lines with up to three unchanged lines before and after, as in a unified diff. */
    @Serdeable
    public record LineHunk(int fromLine, int fromCount, int toLine, int toCount, List<Edit> lines) implements Hunk {
    }

    /**
     * One or more whole paragraphs. The texts of the {@code equal} and {@code delete} tokens, in order,
     * make the old lines joined by {@code \n}; those of {@code equal} and {@code insert}, the new ones.
     */
    @Serdeable
    public record WordHunk(int fromLine, int fromCount, int toLine, int toCount, List<Edit> tokens) implements Hunk {
    }

    /** A line or a run of tokens; {@code op} is equal, delete or insert. */
    @Serdeable
    public record Edit(String op, String text) {
    }

    /** Compares revision {@code fromNumber} with {@code toNumber}; either may be the newer one. */
    static Diff compare(int fromNumber, VariantContent from, int toNumber, VariantContent to, Mode mode, ZoneId zone) {
        List<FieldChange> fields = new ArrayList<>();
        field(fields, "title", from.title(), to.title());
        field(fields, "slug", from.slug(), to.slug());
        field(fields, "summary", from.summary(), to.summary());
        field(fields, "tags", from.tags(), to.tags());
        field(fields, "authors", from.authors(), to.authors());
        if (!Objects.equals(from.date(), to.date())) {
            fields.add(new FieldChange("date", offset(from.date(), zone), offset(to.date(), zone)));
        }
        List<String> a = BodyDiff.lines(from.body());
        List<String> b = BodyDiff.lines(to.body());
        List<Hunk> hunks = new ArrayList<>(mode == Mode.LINE ? BodyDiff.lineHunks(a, b) : BodyDiff.wordHunks(a, b));
        return new Diff(fromNumber, toNumber, mode.code(), fields, hunks);
    }

    private static void field(List<FieldChange> fields, String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            fields.add(new FieldChange(name, from, to));
        }
    }

    private static OffsetDateTime offset(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}