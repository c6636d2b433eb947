package fi.laituri.content;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import fi.laituri.content.RevisionDiff.Edit;
import fi.laituri.content.RevisionDiff.LineHunk;
import fi.laituri.content.RevisionDiff.WordHunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diff engine behind {@link RevisionDiff}: a body as lines, compared line by line into hunks with
 * context, or paragraph by paragraph into runs of words. Its cost is bounded, so a huge text rewritten
 * throughout shows as replaced whole rather than taking minutes.
 */
final class BodyDiff {

    /** Unchanged lines shown around each change in line mode, as in {@code diff -u}. */
    private static final int CONTEXT = 3;

    /**
     * About how many element comparisons one diff may make (a few tenths of a second) before it gives
     * up on finding the fewest edits; never fewer than {@link #MIN_EDITS} edits are tried.
     */
    private static final long WORK_LIMIT = 50_000_000;
    private static final long MIN_EDITS = 100;

    /** Words (letters with their combining marks, digits), runs of whitespace, and any other single character. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|\\s+|.", Pattern.DOTALL);

    private BodyDiff() {
    }

    enum Op { EQUAL, DELETE, INSERT }

    /** The lines of a text, whatever its line endings; a final line ending does not start another line. */
    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split("\r\n|\r|\n", -1);
        int n = parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
        return List.of(parts).subList(0, n);
    }

    static List<LineHunk> lineHunks(List<String> a, List<String> b) {
        List<Step> steps = script(a, b);
        List<LineHunk> hunks = new ArrayList<>();
        int next = nextChange(steps, 0);
        while (next < steps.size()) {
            int start = Math.max(0, next - CONTEXT);
            int end = next;
            // Changes closer than twice the context share a hunk, so no line is shown twice.
            while (next < steps.size() && next - end <= 2 * CONTEXT) {
                end = endOfChange(steps, next);
                next = nextChange(steps, end);
            }
            end = Math.min(steps.size(), end + CONTEXT);
            List<Step> part = steps.subList(start, end);
            hunks.add(new LineHunk(fromLine(part), oldSide(part).size(), toLine(part), newSide(part).size(),
                    part.stream().map(s -> edit(s.op(), s.text())).toList()));
        }
        return hunks;
    }

    static List<WordHunk> wordHunks(List<String> a, List<String> b) {
        List<Step> steps = script(a, b);
        List<WordHunk> hunks = new ArrayList<>();
        int next = nextChange(steps, 0);
        while (next < steps.size()) {
            int start = paragraphStart(steps, next);
            int end = paragraphEnd(steps, next, endOfChange(steps, next));
            next = nextChange(steps, end);
            // A change whose paragraph reaches the next change's paragraph is in the same paragraph.
            while (next < steps.size() && paragraphStart(steps, next) <= end) {
                end = paragraphEnd(steps, next, endOfChange(steps, next));
                next = nextChange(steps, end);
            }
            List<Step> part = steps.subList(start, end);
            hunks.add(new WordHunk(fromLine(part), oldSide(part).size(), toLine(part), newSide(part).size(),
                    words(String.join("\n", oldSide(part)), String.join("\n", newSide(part)))));
        }
        return hunks;
    }

    /**
     * The word-level changes from one text to another, as runs: between two unchanged runs come first
     * everything deleted, then everything inserted. A replacement goes on over unchanged whitespace into a
     * change right after it, so that "c d" for "a b" reads as one replacement, not two with a space between.
     */
    static List<Edit> words(String a, String b) {
        List<Step> steps = script(tokens(a), tokens(b));
        List<Edit> edits = new ArrayList<>();
        StringBuilder equal = new StringBuilder();
        int k = 0;
        while (k < steps.size()) {
            if (steps.get(k).op() == Op.EQUAL) {
                equal.append(steps.get(k++).text());
                continue;
            }
            List<String> deleted = new ArrayList<>();
            List<String> inserted = new ArrayList<>();
            int end = collect(steps, k, deleted, inserted);
            while (!deleted.isEmpty() && !inserted.isEmpty() && end + 1 < steps.size()
                    && steps.get(end).text().isBlank() && steps.get(end + 1).op() != Op.EQUAL) {
                deleted.add(steps.get(end).text());
                inserted.add(steps.get(end).text());
                end = collect(steps, end + 1, deleted, inserted);
            }
            // What both sides end with (a space carried over above) is unchanged after all.
            int same = 0;
            while (same < deleted.size() && same < inserted.size()
                    && deleted.get(deleted.size() - 1 - same).equals(inserted.get(inserted.size() - 1 - same))) {
                same++;
            }
            add(edits, Op.EQUAL, equal.toString());
            add(edits, Op.DELETE, String.join("", deleted.subList(0, deleted.size() - same)));
            add(edits, Op.INSERT, String.join("", inserted.subList(0, inserted.size() - same)));
            equal.setLength(0);
            equal.append(String.join("", deleted.subList(deleted.size() - same, deleted.size())));
            k = end;
        }
        add(edits, Op.EQUAL, equal.toString());
        return edits;
    }

    /** Adds the tokens of the change from {@code start} to the lists; returns where the change ends. */
    private static int collect(List<Step> steps, int start, List<String> deleted, List<String> inserted) {
        int k = start;
        for (; k < steps.size() && steps.get(k).op() != Op.EQUAL; k++) {
            (steps.get(k).op() == Op.DELETE ? deleted : inserted).add(steps.get(k).text());
        }
        return k;
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /**
     * One step of an edit script: an element kept, deleted from the old list or inserted from the new.
     * {@code from} and {@code to} are the positions in the old and the new list where the step falls.
     */
    private record Step(Op op, int from, int to, String text) {
    }

    /**
     * The edit script from {@code a} to {@code b}: the common start and end kept, Myers diff between.
     * Myers takes time in proportion to the length times the number of edits, so a huge text rewritten
     * throughout would take minutes; past {@link #WORK_LIMIT} the middle is shown as replaced whole.
     */
    private static List<Step> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> oldMiddle = a.subList(prefix, a.size() - suffix);
        List<String> newMiddle = b.subList(prefix, b.size() - suffix);
        List<Step> steps = new ArrayList<>(Math.max(a.size(), b.size()));
        for (int k = 0; k < prefix; k++) {
            steps.add(new Step(Op.EQUAL, k, k, a.get(k)));
        }
        int i = prefix;
        int j = prefix;
        for (AbstractDelta<String> d : deltas(oldMiddle, newMiddle)) {
            while (i < prefix + d.getSource().getPosition()) {
                steps.add(new Step(Op.EQUAL, i, j, a.get(i)));
                i++;
                j++;
            }
            for (String line : d.getSource().getLines()) {
                steps.add(new Step(Op.DELETE, i++, j, line));
            }
            for (String line : d.getTarget().getLines()) {
                steps.add(new Step(Op.INSERT, i, j++, line));
            }
        }
        while (i < a.size()) {
            steps.add(new Step(Op.EQUAL, i, j, a.get(i)));
            i++;
            j++;
        }
        return steps;
    }

    private static List<AbstractDelta<String>> deltas(List<String> a, List<String> b) {
        long maxEdits = Math.max(MIN_EDITS, WORK_LIMIT / Math.max(1, a.size() + b.size()));
        try {
            return DiffUtils.diff(a, b, new DiffAlgorithmListener() {
                @Override
                public void diffStart() {
                }

                @Override
                public void diffStep(int edits, int max) {
                    if (edits > maxEdits) {
                        throw new TooManyEdits();
                    }
                }

                @Override
                public void diffEnd() {
                }
            }).getDeltas();
        } catch (TooManyEdits e) {
            return a.isEmpty() && b.isEmpty() ? List.of() : List.of(new ChangeDelta<>(new Chunk<>(0, a), new Chunk<>(0, b)));
        }
    }

    /** Stops a diff that has grown too costly; no stack trace, as it is caught at once. */
    private static final class TooManyEdits extends RuntimeException {
        TooManyEdits() {
            super(null, null, false, false);
        }
    }

    private static int nextChange(List<Step> steps, int from) {
        int k = from;
        while (k < steps.size() && steps.get(k).op() == Op.EQUAL) {
            k++;
        }
        return k;
    }

    private static int endOfChange(List<Step> steps, int start) {
        int k = start;
        while (k < steps.size() && steps.get(k).op() != Op.EQUAL) {
            k++;
        }
        return k;
    }

    /**
     * Back to the first line of the paragraph that the change from {@code start} begins in: when the
     * first line it deletes or inserts is text, the unchanged lines of text just above belong with it.
     */
    private static int paragraphStart(List<Step> steps, int start) {
        int end = endOfChange(steps, start);
        boolean inParagraph = isText(first(steps, start, end, Op.DELETE)) || isText(first(steps, start, end, Op.INSERT));
        int k = start;
        while (inParagraph && k > 0 && steps.get(k - 1).op() == Op.EQUAL && isText(steps.get(k - 1).text())) {
            k--;
        }
        return k;
    }

    /** On to the last line of the paragraph that the change from {@code start} to {@code end} ends in. */
    private static int paragraphEnd(List<Step> steps, int start, int end) {
        boolean inParagraph = isText(last(steps, start, end, Op.DELETE)) || isText(last(steps, start, end, Op.INSERT));
        int k = end;
        while (inParagraph && k < steps.size() && steps.get(k).op() == Op.EQUAL && isText(steps.get(k).text())) {
            k++;
        }
        return k;
    }

    private static String first(List<Step> steps, int start, int end, Op op) {
        for (int k = start; k < end; k++) {
            if (steps.get(k).op() == op) {
                return steps.get(k).text();
            }
        }
        return null;
    }

    private static String last(List<Step> steps, int start, int end, Op op) {
        for (int k = end - 1; k >= start; k--) {
            if (steps.get(k).op() == op) {
                return steps.get(k).text();
            }
        }
        return null;
    }

    private static boolean isText(String line) {
        return line != null && !line.isBlank();
    }

    private static int fromLine(List<Step> part) {
        int first = part.get(0).from();
        return oldSide(part).isEmpty() ? first : first + 1;
    }

    private static int toLine(List<Step> part) {
        int first = part.get(0).to();
        return newSide(part).isEmpty() ? first : first + 1;
    }

    /** The lines of a stretch as they were: all but the inserted ones. */
    private static List<String> oldSide(List<Step> part) {
        return part.stream().filter(s -> s.op() != Op.INSERT).map(Step::text).toList();
    }

    /** The lines of a stretch as they are now: all but the deleted ones. */
    private static List<String> newSide(List<Step> part) {
        return part.stream().filter(s -> s.op() != Op.DELETE).map(Step::text).toList();
    }

    private static void add(List<Edit> edits, Op op, String text) {
        if (!text.isEmpty()) {
            edits.add(edit(op, text));
        }
    }

    private static Edit edit(Op op, String text) {
        return new Edit(op.name().toLowerCase(Locale.ROOT), text);
    }
}
