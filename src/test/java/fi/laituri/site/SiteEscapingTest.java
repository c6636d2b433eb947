package fi.laituri.site;

import io.pebbletemplates.pebble.PebbleEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unbescape.html.HtmlEscape;
import org.unbescape.javascript.JavaScriptEscape;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site's engine escapes what templates print as Pebble's own escaping did; only the work behind it changed. */
class SiteEscapingTest {

    private static final String HOSTILE = "<a href=\"x\" title='y'>Tom & Jerry &amp; ääkköset 😀\u0000\uD83D</a>";

    /** Renders one page of the theme in the jar, its title to be escaped, and prints it. */
    public static final class RenderOnePage {
        public static void main(String[] args) {
            SiteFactory site = new SiteFactory(args[0]);
            Page.Frame frame = new Page.Frame("http://localhost:8080/fi/sivu/", "/fi/", List.of(), List.of(), null, null,
                    null, null, null, true);
            Page page = new Page("fi", "fi", "Tom & Jerry", "", "<p>Teksti</p>", List.of(), null, List.of(), false, frame);
            System.out.println(new PageRenderer(site.pebble(), site.messages()).render(page));
        }
    }

    private static String render(Path dir, String template, Object x) throws IOException {
        Files.writeString(dir.resolve("t.peb"), template);
        PebbleEngine pebble = new SiteFactory(dir.toString()).pebble();
        StringWriter out = new StringWriter();
        pebble.getTemplate("t.peb").evaluate(out, Map.of("x", x));
        return out.toString();
    }

    @Test
    void printedValuesAreAutoescapedAsByPebblesOwnHtmlStrategy(@TempDir Path dir) throws IOException {
        assertEquals("[" + HtmlEscape.escapeHtml4Xml(HOSTILE) + "]", render(dir, "[{{ x }}]", HOSTILE));
        assertEquals("&lt;b&gt;&amp;&quot;&#39;ä", render(dir, "{{ x }}", "<b>&\"'ä"));
    }

    @Test
    void theEscapeFilterEscapesOnceAsBefore(@TempDir Path dir) throws IOException {
        assertEquals(HtmlEscape.escapeHtml4Xml(HOSTILE), render(dir, "{{ x | escape }}", HOSTILE));
        assertEquals(HtmlEscape.escapeHtml4Xml(HOSTILE), render(dir, "{{ x | escape(strategy=\"html\") }}", HOSTILE));
    }

    @Test
    void valuesThatAreNotTextAreEscapedAsTheirStringAndRawStaysRaw(@TempDir Path dir) throws IOException {
        assertEquals("42", render(dir, "{{ x }}", 42));
        assertEquals(HOSTILE, render(dir, "{{ x | raw }}", HOSTILE));
    }

    @Test
    void theOtherStrategiesArePebblesOwn(@TempDir Path dir) throws IOException {
        assertEquals(JavaScriptEscape.escapeJavaScript(HOSTILE), render(dir, "{{ x | escape(strategy=\"js\") }}", HOSTILE));
    }

    /** What the change is for: unbescape's tables of every HTML entity, slow to build, are not loaded by a page's rendering. */
    @Test
    void renderingAPageLoadsNoneOfUnbescapesHtmlTables(@TempDir Path dir) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                RenderOnePage.class.getName(), dir.resolve("no-such-folder").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(jvm.getInputStream().readAllBytes());
        assertTrue(jvm.waitFor(2, TimeUnit.MINUTES));

        assertEquals(0, jvm.exitValue(), out);
        assertTrue(out.contains("<title>Tom &amp; Jerry – "), "the page, its title escaped, is printed after the log");
        assertFalse(out.contains(" org.unbescape.html.HtmlEscapeSymbols "), "unbescape's tables were loaded");
        assertTrue(out.contains(" fi.laituri.HtmlEscaping "), "the log names the classes loaded");
    }
}
