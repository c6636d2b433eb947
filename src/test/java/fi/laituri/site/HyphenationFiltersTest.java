package fi.laituri.site;

import fi.laituri.site.hyphenation.Hyphenator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The headings filter finds headings, tags and entities by hand; the regular expressions it replaced are kept here as
 * the reference it must agree with on any input, malformed HTML included.
 */
class HyphenationFiltersTest {

    private static final Pattern HEADING = Pattern.compile("(<h[2-6][^>]*>)(.*?)(</h[2-6]>)", Pattern.DOTALL);
    private static final Pattern TAG_OR_ENTITY = Pattern.compile("<[^>]*>|&[#a-zA-Z0-9]+;");

    /** Shows each piece of text handed to hyphenation, so that pieces cut differently do not pass unseen. */
    private static final UnaryOperator<String> MARKED = text -> "[" + text + "]";

    private static final List<String> HOSTILE = List.of(
            "", "<", ">", "&", ";", "<h", "<h2", "<h2>", "<h2>text", "<h2>a</h2", "<h2>a</h2 >", "<h2>a</h 2>",
            "<h2>a</h2>", "<h2></h2>", "<h6>a</h6>", "<h1>a</h1>", "<h7>a</h7>", "<h2>a</h7>", "<h2>a</h1></h2>",
            "<H2>a</H2>", "<h2>a</H2>", "<H2>a</h2>", "<h2>a</h3>", "<h3>a<h4>b</h4>c</h3>", "<h2>a</h2></h2>",
            "</h2><h2>a</h2>", "<h2</h2>a</h2>", "<h2 </h2>a</h2>", "<<h2>>a</h2>", "<h2>></h2>", "<h2><</h2>",
            "<h2>a<b</h2>", "<h2>a<b>c</h2>", "<h2 id=\"x>y\">a</h2>", "<h2\n>a\n</h2>", "<h2>&</h2>", "<h2>&;</h2>",
            "<h2>&#;</h2>", "<h2>&amp</h2>;", "<h2>a&amp</h2>", "<h2>&amp;</h2>", "<h2>&amp;&lt;&#8212;&#x2014;</h2>",
            "<h2>&&amp;;</h2>", "<h2>&ä;</h2>", "<h2>&a b;</h2>", "<h2>x</h2>&amp;", "<hr><h2>x</h2>", "<h2>x</h2>",
            "<h2>😀</h2>", "<h2>a😀&amp;😀b</h2>", "<h2>\uD83D</h2>", "<h2>\uDE00&amp;</h2>",
            "<h2 class=\"kumppanuusohjelmaa\">Kumppanuusohjelmaa &amp; kotoutumiskoulutus</h2>",
            "<h3>Kumppanuus<em>ohjelmaa</em>kotoutumiskoulutus&shy;ohjelmaa</h3>", "<h2>a<h2>b</h2>c</h2>",
            "<p>Ei otsikkoa.</p>", "<h2>a</h2><h3>b</h3", "<h2>a</h2><h3>b", "<h2>a</h2><h3", "&amp;", "&amp", "&#",
            "a<", "a&", "a&b", "<a>&amp;", "<<>>", "<h2>a</h2>\n<p>&</p>\n<h4 id=\"b\">b &lt; c</h4>");

    /** The filter as it was: the regular expressions' search. */
    private static String headingsByRegex(String html, UnaryOperator<String> hyphenate) {
        Matcher m = HEADING.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + outsideTagsByRegex(m.group(2), hyphenate)
                    + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String outsideTagsByRegex(String html, UnaryOperator<String> hyphenate) {
        Matcher m = TAG_OR_ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(hyphenate.apply(html.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return out.append(hyphenate.apply(html.substring(at))).toString();
    }

    /** Random mixes of the characters and pieces that headings, tags and entities are made of, and of whole headings. */
    private static List<String> generated() {
        String[] pieces = {"<", ">", "h", "H", "1", "2", "3", "4", "5", "6", "7", "/", "&", "#", ";", "a", "x", "Z",
                "ä", "😀", "\uD83D", " ", "\n", "<h", "</h", "<h2>", "</h2>", "<h3 id=\"a\">", "</h4>", "&amp;", "&#8212;",
                "<em>", "</em>", "Kumppanuusohjelmaa", "kotoutumiskoulutus",
                "<h2 id=\"k\">Kumppanuusohjelmaa &amp; kotoutumiskoulutus</h2>", "<h5>Kotoutumis<em>koulutus</em></h5>"};
        Random random = new Random(20261207);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder html = new StringBuilder();
            int length = random.nextInt(i < 100 ? 8 : 60);
            for (int p = 0; p < length; p++) {
                html.append(pieces[random.nextInt(pieces.length)]);
            }
            inputs.add(html.toString());
        }
        return inputs;
    }

    private static List<String> allInputs() {
        List<String> inputs = new ArrayList<>(HOSTILE);
        inputs.addAll(generated());
        return inputs;
    }

    @Test
    void headingsAreFoundAndTheirTextCutIntoTheSamePiecesAsByTheRegularExpressions() {
        for (String html : allInputs()) {
            assertEquals(headingsByRegex(html, MARKED), HyphenationFilters.headings(html, MARKED), () -> "for " + html);
        }
    }

    @Test
    void tagsAndEntitiesAreLeftWholeWhereTheRegularExpressionFindsThemAndNowhereElse() {
        for (String html : allInputs()) {
            assertEquals(outsideTagsByRegex(html, MARKED), HyphenationFilters.outsideTags(html, MARKED),
                    () -> "for " + html);
        }
    }

    @Test
    void withTheFinnishPatternsHeadingsGetTheSameSoftHyphensAsByTheRegularExpressions() {
        Hyphenator fi = Hyphenator.of("fi").orElseThrow();
        for (String html : allInputs()) {
            assertEquals(headingsByRegex(html, fi::hyphenate), HyphenationFilters.headings(html, fi::hyphenate),
                    () -> "for " + html);
        }
    }

    @Test
    void aHeadingEndsAtTheFirstClosingTagOfAnyLevelAndItsTagsAndEntitiesStayWhole() {
        assertEquals("<h2 id=\"a\">[a]&amp;[b]</h3>c</h2>",
                HyphenationFilters.headings("<h2 id=\"a\">a&amp;b</h3>c</h2>", MARKED));
        assertEquals("<H2>a</H2><h1>b</h1><h7>c</h7>", HyphenationFilters.headings("<H2>a</H2><h1>b</h1><h7>c</h7>", MARKED));
    }

    @Test
    void htmlWithoutACompleteHeadingIsReturnedAsItIs() {
        for (String html : List.of("", "<p>Kumppanuusohjelmaa</p>", "<h2>Kumppanuusohjelmaa", "<hr><h1>a</h1>")) {
            assertSame(html, HyphenationFilters.headings(html, MARKED));
        }
    }
}
