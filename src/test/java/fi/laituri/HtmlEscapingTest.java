package fi.laituri;

import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The escaping replaces Pebble's own {@code html} strategy, unbescape's {@code HtmlEscape.escapeHtml4Xml}, which is
 * kept here as the reference it must agree with on any text.
 */
class HtmlEscapingTest {

    private static final HtmlEscaping ESCAPING = new HtmlEscaping();

    private static final List<String> HOSTILE = List.of(
            "", "a", "&", "<", ">", "\"", "'", "&<>\"'", "''\"\"", "<a href=\"x\" title='y'>Tom & Jerry</a>",
            "&amp;", "&amp;amp;", "&lt;&#39;&#x27;&quot;", "&nbsp;", "&", "a&", "&a", "<<>>", "x > y && y < z",
            "Ääkköset ja åäö", "Kumppanuus\u00ADohjelma", "\u00A0", "\u00A9 \u2014 \u20AC \u2FFE \u2FFF \u3000 \uFFFF",
            "😀", "a😀&😀b", "\uD83D", "\uDE00", "\uDE00\uD83D", "a\uD83D&", "&\uDE00a", "\uD83D<\uDE00",
            "\u0000", "a\u0000&\u0000", "\t\n\r", "\u0001\u001F\u007F\u0080\u009F", "\u2028\u2029\uFEFF",
            "a".repeat(100_000), "a".repeat(50_000) + "&" + "b".repeat(50_000), "<\"&'>".repeat(20_000));

    /** Random mixes of the characters escaped and of those next to them in ASCII, controls, non-ASCII and surrogates. */
    private static List<String> generated() {
        String[] pieces = {"&", "<", ">", "\"", "'", "a", "Z", "0", " ", ";", "#", "=", "%", "!", "?", "@", "\\",
                "\u0000", "\u0008", "\n", "\u001F", "\u007F", "\u0080", "\u00A0", "ä", "Å", "é", "\u2014", "\u2FFF",
                "\u3000", "\uFFFD", "\uFFFF", "😀", "\uD83D", "\uDE00", "&amp;", "&#39;", "&lt;b&gt;", "<p>", "</p>"};
        Random random = new Random(20261208);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(i < 1000 ? 6 : 80);
            for (int p = 0; p < length; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            inputs.add(text.toString());
        }
        return inputs;
    }

    @Test
    void everyTextIsEscapedExactlyAsByUnbescape() {
        List<String> inputs = new ArrayList<>(HOSTILE);
        inputs.addAll(generated());
        for (String text : inputs) {
            assertEquals(HtmlEscape.escapeHtml4Xml(text), ESCAPING.escape(text), () -> "for " + text);
        }
    }

    @Test
    void theFiveMarkupCharactersBecomeNamedOrDecimalReferencesAndAnEscapedTextIsEscapedAgain() {
        assertEquals("&amp;&lt;&gt;&quot;&#39;", ESCAPING.escape("&<>\"'"));
        assertEquals("&amp;amp; &amp;#39;", ESCAPING.escape("&amp; &#39;"));
    }

    @Test
    void textWithNothingToEscapeIsReturnedItself() {
        for (String text : List.of("", "Kotoutumisen kumppanuusohjelma", "Ääkköset 😀 \u0000 \uD83D", "a".repeat(10_000))) {
            assertSame(text, ESCAPING.escape(text));
        }
    }
}
