package fi.laituri.search.lucene;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for snippets, found from a match outwards: back to the start of its sentence and on to the
 * start of the next. The JDK's sentence iterator, which the highlighter uses by default, reads back from each
 * match to a place its rules can start from and then forwards through them, a twentieth of a search's CPU.
 * The rules are the JDK's as they apply to a site's text: a sentence ends after {@code !} or {@code ?}, or after
 * a full stop unless the next letter is in lower case ("esim. kunnat", "3. kesäkuuta"), with any closing quotes
 * or brackets and the spacing (line breaks included) after it; and after a paragraph separator.
 */
final class SentenceBreaks extends BreakIterator {

    private static final char PARAGRAPH = '\u2029';

    private String text = "";
    private CharacterIterator iterator = new StringCharacterIterator("");
    private int current;

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder b = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            b.append(c);
        }
        text = b.toString();
        iterator = newText;
        current = 0;
    }

    @Override
    public void setText(String newText) {
        text = newText;
        iterator = new StringCharacterIterator(newText);
        current = 0;
    }

    @Override
    public CharacterIterator getText() {
        return iterator;
    }

    @Override
    public int first() {
        return current = 0;
    }

    @Override
    public int last() {
        return current = text.length();
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public int next() {
        return current >= text.length() ? DONE : (current = following(current));
    }

    @Override
    public int previous() {
        return current <= 0 ? DONE : (current = preceding(current));
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n && result != DONE; i++) {
            result = next();
        }
        for (int i = 0; i > n && result != DONE; i--) {
            result = previous();
        }
        return result;
    }

    /** The first boundary after {@code offset}: the start of the next sentence, or the end of the text. */
    @Override
    public int following(int offset) {
        checkOffset(offset);
        for (int i = offset + 1; i < text.length(); i++) {
            if (isBoundary(i)) {
                return current = i;
            }
        }
        return current = text.length();
    }

    /** The last boundary before {@code offset}: the start of its sentence, or of the text. */
    @Override
    public int preceding(int offset) {
        checkOffset(offset);
        for (int i = Math.min(offset, text.length()) - 1; i > 0; i--) {
            if (isBoundary(i)) {
                return current = i;
            }
        }
        return current = 0;
    }

    @Override
    public boolean isBoundary(int offset) {
        checkOffset(offset);
        if (offset == 0 || offset == text.length()) {
            return true;
        }
        char next = text.charAt(offset);
        if (text.charAt(offset - 1) == PARAGRAPH) {
            return true;
        }
        if (!Character.isWhitespace(text.charAt(offset - 1)) || Character.isWhitespace(next) || next == PARAGRAPH) {
            return false;
        }
        int i = offset - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i)) && text.charAt(i) != PARAGRAPH) {
            i--;
        }
        while (i >= 0 && isClosing(text.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char end = text.charAt(i);
        return end == '!' || end == '?' || end == '.' && !lowerCaseFollows(offset);
    }

    /** Whether the first letter from {@code offset} on (in this paragraph) is in lower case. */
    private boolean lowerCaseFollows(int offset) {
        for (int i = offset; i < text.length() && text.charAt(i) != PARAGRAPH; i++) {
            if (Character.isLetter(text.charAt(i))) {
                return Character.isLowerCase(text.charAt(i));
            }
        }
        return false;
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»';
    }

    private void checkOffset(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("offset " + offset + " outside the text of " + text.length());
        }
    }
}
