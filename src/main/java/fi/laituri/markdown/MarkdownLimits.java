package fi.laituri.markdown;

import java.util.Optional;

/**
 * What a body may be so that parsing and rendering it stays fast and shallow, checked in one linear pass
 * before the parser sees it. commonmark-java recurses once per level of nesting, and several of its inline
 * scans (for raw HTML after a {@code <}, link text between brackets, emphasis delimiters, entities) cost in
 * proportion to the markup already open in the same block, so a block full of markup costs its square.
 * The limits bound what makes those costs: the size, the length of a line, how deep block quotes and
 * lists nest, how deep brackets nest, how many table cells a line and how many markup characters a
 * paragraph and the whole body hold.
 * They sit far above what prose, lists, tables and code of real documents need.
 *
 * <p>A "paragraph" here is a run of non-blank lines. Fenced code is not counted: it is never parsed as
 * Markdown inside. Anything the check cannot be sure of (a fence inside a block quote, indented code)
 * is counted, so the check errs on the side of the parser.
 */
public final class MarkdownLimits {

    public static final int MAX_CHARS = 100_000;
    public static final int MAX_LINE_CHARS = 20_000;
    /**
     * Block quotes and list items inside each other: the markers at the start of a line, and for a line with
     * a marker, its indentation (a list nests in the one above by being indented; four columns count one level).
     */
    public static final int MAX_NESTING = 10;
    public static final int MAX_BRACKET_NESTING = 32;
    /** Table cells are found per row, each a small parse of its own. */
    public static final int MAX_PIPES_PER_LINE = 100;
    public static final int MAX_MARKUP_PER_PARAGRAPH = 500;
    /** A {@code <} may open raw HTML, which is looked for up to the end of its paragraph. */
    public static final int MAX_ANGLES_PER_PARAGRAPH = 100;
    public static final int MAX_MARKUP = 10_000;
    /** The characters that open or close inline markup; the ones whose scans grow with their number. */
    public static final String MARKUP = "*_[]`&\\<";

    /** {@link #MARKUP} as a table by character: the check looks every character of every body up in it. */
    private static final boolean[] OPENS_MARKUP = new boolean[128];

    static {
        for (char c : MARKUP.toCharArray()) {
            OPENS_MARKUP[c] = true;
        }
    }

    private MarkdownLimits() {
    }

    /** The first limit the body exceeds, as a sentence for its author; empty when it is within them all. */
    public static Optional<String> check(String body) {
        if (body == null) {
            return Optional.empty();
        }
        if (body.length() > MAX_CHARS) {
            return Optional.of("is " + body.length() + " characters long; at most " + MAX_CHARS);
        }
        int markup = 0;
        int paragraphMarkup = 0;
        int angles = 0;
        int paragraphLine = 0;
        int brackets = 0;
        char fence = 0;
        int fenceLength = 0;
        int lineNumber = 0;
        for (int start = 0; start <= body.length(); lineNumber++) {
            int end = body.indexOf('\n', start);
            end = end < 0 ? body.length() : end;
            String line = body.substring(start, end);
            start = end + 1;
            int number = lineNumber + 1;
            if (line.length() > MAX_LINE_CHARS) {
                return Optional.of("line " + number + " is " + line.length() + " characters long; at most "
                        + MAX_LINE_CHARS + " a line");
            }
            if (fence != 0) {
                if (closesFence(line, fence, fenceLength)) {
                    fence = 0;
                }
                continue;
            }
            if (line.isBlank()) {
                paragraphMarkup = 0;
                angles = 0;
                brackets = 0;
                continue;
            }
            int depth = nesting(line);
            if (depth > MAX_NESTING) {
                return Optional.of("line " + number + " nests block quotes and lists " + depth + " deep; at most "
                        + MAX_NESTING);
            }
            int pipes = count(line, '|');
            if (pipes > MAX_PIPES_PER_LINE) {
                return Optional.of("line " + number + " has " + pipes + " '|' (table cells); at most "
                        + MAX_PIPES_PER_LINE + " a line");
            }
            int opened = opensFence(line);
            if (opened > 0) {
                fence = line.strip().charAt(0);
                fenceLength = opened;
                paragraphMarkup = 0;
                angles = 0;
                brackets = 0;
                continue;
            }
            if (paragraphMarkup == 0) {
                paragraphLine = number;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c >= OPENS_MARKUP.length || !OPENS_MARKUP[c]) {
                    continue;
                }
                markup++;
                paragraphMarkup++;
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    brackets++;
                    if (brackets > MAX_BRACKET_NESTING) {
                        return Optional.of("the paragraph at line " + paragraphLine + " nests brackets more than "
                                + MAX_BRACKET_NESTING + " deep");
                    }
                } else if (c == ']') {
                    brackets = Math.max(0, brackets - 1);
                } else if (c == '<' && ++angles > MAX_ANGLES_PER_PARAGRAPH) {
                    return Optional.of("the paragraph at line " + paragraphLine + " has more than "
                            + MAX_ANGLES_PER_PARAGRAPH + " '<'; at most " + MAX_ANGLES_PER_PARAGRAPH + " a paragraph");
                }
            }
            if (paragraphMarkup > MAX_MARKUP_PER_PARAGRAPH) {
                return Optional.of("the paragraph at line " + paragraphLine + " has more than " + MAX_MARKUP_PER_PARAGRAPH
                        + " markup characters (" + MARKUP + "); at most " + MAX_MARKUP_PER_PARAGRAPH
                        + " a paragraph, so split it with blank lines");
            }
            if (markup > MAX_MARKUP) {
                return Optional.of("has more than " + MAX_MARKUP + " markup characters (" + MARKUP + "); at most "
                        + MAX_MARKUP);
            }
        }
        return Optional.empty();
    }

    private static int count(String line, char c) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** How deep the line's markers nest: those that open it one after the other, and its indentation. */
    private static int nesting(String line) {
        int markers = markers(line);
        if (markers == 0) {
            return 0;
        }
        int columns = 0;
        for (int i = 0; i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t'); i++) {
            columns += line.charAt(i) == '\t' ? 4 - columns % 4 : 1;
        }
        return markers + columns / 4;
    }

    private static int markers(String line) {
        int depth = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            int j = i;
            while (j < n && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                j++;
            }
            if (j == n) {
                break;
            }
            char c = line.charAt(j);
            if (c == '>') {
                i = j + 1;
            } else if ((c == '-' || c == '+' || c == '*') && endsMarker(line, j + 1)) {
                i = j + 1;
            } else {
                int k = j;
                while (k < n && k - j < 9 && Character.isDigit(line.charAt(k))) {
                    k++;
                }
                if (k == j || k == n || (line.charAt(k) != '.' && line.charAt(k) != ')') || !endsMarker(line, k + 1)) {
                    break;
                }
                i = k + 1;
            }
            depth++;
        }
        return depth;
    }

    private static boolean endsMarker(String line, int at) {
        return at == line.length() || line.charAt(at) == ' ' || line.charAt(at) == '\t';
    }

    /** The length of the code fence the line opens (indented at most three spaces), or 0 when it opens none. */
    private static int opensFence(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        if (indent > 3 || indent == line.length()) {
            return 0;
        }
        char c = line.charAt(indent);
        if (c != '`' && c != '~') {
            return 0;
        }
        int length = fenceLength(line, c);
        boolean infoIsPlain = c == '~' || line.indexOf('`', indent + length) < 0;
        return length >= 3 && infoIsPlain ? length : 0;
    }

    private static boolean closesFence(String line, char fence, int openedLength) {
        String stripped = line.strip();
        return stripped.length() >= openedLength && stripped.chars().allMatch(c -> c == fence);
    }

    private static int fenceLength(String line, char c) {
        String stripped = line.stripLeading();
        int length = 0;
        while (length < stripped.length() && stripped.charAt(length) == c) {
            length++;
        }
        return length;
    }
}
