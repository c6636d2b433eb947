package fi.laituri.markdown;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MarkdownTest {

    /** Every element commonmark and our extensions produce; anything else came from the input. */
    private static final Set<String> RENDERED_ELEMENTS = Set.of("p", "a", "img", "em", "strong", "code", "pre",
            "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "br",
            "table", "thead", "tbody", "tr", "th", "td");
    private static final Pattern TAG = Pattern.compile(
            "<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s\"'>/=]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`]+))?)*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "colon", ":", "Tab", "\t", "NewLine", "\n", "lpar", "(", "rpar", ")");

    private final Markdown markdown = new Markdown();

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "Teksti <script>alert(1)</script> kesken kappaleen",
            "<img src=x onerror=alert(1)>",
            "<img/src=x onerror=alert(1)>",
            "<IMG SRC=\"jav&#x0A;ascript:alert(1)\">",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<!-- <script>alert(1)</script> -->",
            "<div onmouseover=\"alert(1)\">x</div>",
            "<a href=\"#\" onclick=\"alert(1)\">x</a>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<details open ontoggle=alert(1)>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](  javascript:alert(1))",
            "[x](\njavascript:alert(1))",
            "[x](<javascript:alert(1)>)",
            "[x](javascript:alert(1) \"otsikko\")",
            "[x](javascript://%0Aalert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](java&Tab;script:alert(1))",
            "[x](&#x6A;avascript:alert(1))",
            "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
            "[x](javascript&colon;alert(1))",
            "[x](java\u0000script:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](VBScript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](DATA:text/html,<script>alert(1)</script>)",
            "![x](javascript:alert(1))",
            "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](x \"\\\" onerror=\\\"alert(1)\")",
            "<javascript:alert(1)>",
            "<JAVASCRIPT:alert(1)>",
            "<vbscript:msgbox(1)>",
            "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
            "[x][evil]\n\n[evil]: javascript:alert(1)",
            "[evil]\n\n[evil]: <javascript:alert(1)> \"otsikko\"",
            "![x][evil]\n\n[evil]: javascript:alert(1)",
            "[<img src=x onerror=alert(1)>](https://example.com)",
            "# <img src=x onerror=alert(1)>",
            "| a |\n|---|\n| <script>alert(1)</script> |",
            "| [x](javascript:alert(1)) |\n|---|\n| b |",
            "javascript:alert(1) www.example.com/<script>alert(1)</script>",
            "`<script>alert(1)</script>`",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
    })
    void renderingAnXssPayloadProducesNoActiveMarkup(String payload) {
        String html = markdown.toHtml(payload);

        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), () -> "script element in " + html);
        assertFalse(lower.contains("<iframe"), () -> "iframe element in " + html);
        assertFalse(lower.contains("<svg"), () -> "svg element in " + html);
        assertFalse(lower.contains("<!--"), () -> "HTML comment in " + html);
        List<Element> elements = elements(html);
        assertEquals(html.chars().filter(c -> c == '<').count(), elements.size(),
                () -> "a '<' that opens no well-formed element in " + html);
        for (Element element : elements) {
            assertTrue(RENDERED_ELEMENTS.contains(element.name()), () -> "raw <" + element.name() + "> in " + html);
            element.attributes().forEach((name, value) -> {
                assertFalse(name.toLowerCase(Locale.ROOT).startsWith("on"), () -> "event handler " + name + " in " + html);
                if (Set.of("href", "src").contains(name.toLowerCase(Locale.ROOT))) {
                    assertSafeUrl(value, html);
                }
            });
        }
    }

    @Test
    void rawHtmlIsShownAsTextRatherThanDropped() {
        assertEquals("<p>&lt;b&gt;lihava&lt;/b&gt;</p>\n", markdown.toHtml("<b>lihava</b>"));
    }

    @Test
    void safeLinksKeepTheirTargets() {
        String html = markdown.toHtml("[a](https://example.com/a) [b](/polku?x=1#y) [c](mailto:info@example.com)");

        assertTrue(html.contains("href=\"https://example.com/a\""), html);
        assertTrue(html.contains("href=\"/polku?x=1#y\""), html);
        assertTrue(html.contains("href=\"mailto:info@example.com\""), html);
    }

    @Test
    void linksToOtherDocumentsKeepTheirDocTarget() {
        String html = markdown.toHtml("[Tavoitteet](doc:partnership-goals)");

        assertTrue(html.contains("<a href=\"doc:partnership-goals\">Tavoitteet</a>"), html);
    }

    @Test
    void inlineRasterImagesKeepTheirDataSource() {
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

        assertTrue(markdown.toHtml("![piste](" + png + ")").contains("src=\"" + png + "\""));
    }

    @Test
    void gfmTablesRenderAsTables() {
        String html = markdown.toHtml("| Kieli | Koodi |\n|---|---|\n| Suomi | fi |\n| Svenska | sv |\n");

        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<th>Kieli</th>"), html);
        assertTrue(html.contains("<td>Svenska</td>"), html);
    }

    @Test
    void bareUrlsBecomeLinks() {
        String html = markdown.toHtml("Lue lisää https://kotoutuminen.fi/kumppanuusohjelma ja www.example.com tänään.");

        assertTrue(html.contains("href=\"https://kotoutuminen.fi/kumppanuusohjelma\">https://kotoutuminen.fi/kumppanuusohjelma</a>"), html);
        assertTrue(html.contains("href=\"http://www.example.com\">www.example.com</a>"), html);
    }

    @Test
    void headingsGetAnchorIds() {
        String html = markdown.toHtml("## Kumppanuusohjelman missio\n\n### Visio\n");

        assertTrue(html.contains("<h2 id=\"kumppanuusohjelman-missio\">"), html);
        assertTrue(html.contains("<h3 id=\"visio\">"), html);
    }

    @Test
    void aBodyWithH1HeadingsHasAllItsHeadingsMovedOneLevelDownAtMostToH6() {
        String html = markdown.toHtml("# Yksi\n\n## Kaksi\n\n###### Kuusi\n");

        assertTrue(html.contains("<h2 id=\"yksi\">Yksi</h2>"), html);
        assertTrue(html.contains("<h3 id=\"kaksi\">Kaksi</h3>"), html);
        assertTrue(html.contains("<h6 id=\"kuusi\">Kuusi</h6>"), html);
        assertFalse(html.contains("<h1"), html);
    }

    @Test
    void aBodyThatStartsAtH2KeepsItsHeadingLevels() {
        String html = markdown.toHtml("## Kaksi\n\n### Kolme\n", key -> Optional.empty(), link -> { });

        assertTrue(html.contains("<h2 id=\"kaksi\">Kaksi</h2>"), html);
        assertTrue(html.contains("<h3 id=\"kolme\">Kolme</h3>"), html);
    }

    @Test
    void aHeadingNeverTakesTheIdOfThePagesMainContent() {
        String html = markdown.toHtml("## Content\n\n## Content\n");

        assertFalse(html.contains("id=\"content\""), html);
        assertTrue(html.contains("<h2 id=\"content-1\">Content</h2>"), html);
        assertTrue(html.contains("<h2 id=\"content-2\">Content</h2>"), html);
    }

    @Test
    void yamlFrontMatterAtTheTopOfABodyIsNotRendered() {
        String html = markdown.toHtml("---\ntitle: Salainen otsikko\nstatus: draft\n---\n\nVarsinainen teksti.\n");

        assertEquals("<p>Varsinainen teksti.</p>\n", html);
    }

    private record Element(String name, Map<String, String> attributes) {
    }

    private static List<Element> elements(String html) {
        List<Element> found = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            Map<String, String> attributes = new java.util.LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String value = attribute.group(2) != null ? attribute.group(2)
                        : attribute.group(3) != null ? attribute.group(3)
                        : attribute.group(4) != null ? attribute.group(4) : "";
                attributes.put(attribute.group(1), value);
            }
            found.add(new Element(tag.group(2).toLowerCase(Locale.ROOT), attributes));
        }
        return found;
    }

    @Test
    void htmlAndTextFromOneParseAreThoseOfTheirOwnMethodsLinksResolvedOrNot() {
        String body = "# Otsikko\n\nLue [tavoitteet](doc:partnership-goals#visio) ja [puuttuva](doc:missing).\n\n"
                + "| Kieli | Koodi |\n|---|---|\n| Suomi | fi |\n\n> Lainaus *korostettu* ja `koodi`\n\n"
                + "- yksi\n- [kaksi](https://example.com/)\n\n![kuva](https://example.com/a.png)\n";
        java.util.function.Function<String, Optional<String>> resolve =
                key -> key.equals("partnership-goals") ? Optional.of("/fi/tavoitteet/") : Optional.empty();
        List<Markdown.UnresolvedLink> separate = new ArrayList<>();
        List<Markdown.UnresolvedLink> together = new ArrayList<>();
        String html = markdown.toHtml(body, resolve, separate::add);
        Markdown.HtmlAndText both = markdown.toHtmlAndText(body, resolve, together::add, MediaLinks.NONE);
        assertEquals(html, both.html());
        assertEquals(markdown.toPlainText(body), both.text());
        assertTrue(both.html().contains("href=\"/fi/tavoitteet/#visio\""), both.html());
        assertTrue(both.html().startsWith("<h2"), "the body's h1 is demoted: " + both.html());
        // The link that names no document is reported with its line, as before the parse without positions.
        assertEquals(List.of(new Markdown.UnresolvedLink("missing", 3)), together);
        assertEquals(separate, together);
    }

    @Test
    void aBodyWhoseLinksAllResolveIsReportedClean() {
        List<Markdown.UnresolvedLink> unresolved = new ArrayList<>();
        Markdown.HtmlAndText both = markdown.toHtmlAndText("Rivi\n\n[a](doc:a) ja [b](doc:b#x)\n",
                key -> Optional.of("/" + key + "/"), unresolved::add, MediaLinks.NONE);
        assertTrue(unresolved.isEmpty(), unresolved.toString());
        assertEquals("Rivi\na ja b", both.text().strip());
        assertTrue(both.html().contains("href=\"/b/#x\""), both.html());
    }

    /** Checks a URL the way a browser reads it: entities decoded once, tabs and newlines ignored. */
    private static void assertSafeUrl(String attributeValue, String html) {
        String url = decodeEntities(attributeValue).replaceAll("[\\t\\n\\r]", "")
                .replaceFirst("^[\\x00-\\x20]+", "").toLowerCase(Locale.ROOT);
        for (String scheme : List.of("javascript:", "vbscript:", "data:text")) {
            if (url.startsWith(scheme)) {
                fail("unsafe URL " + attributeValue + " in " + html);
            }
        }
    }

    private static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement;
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                replacement = Character.toString(Integer.parseInt(entity.substring(2), 16));
            } else if (entity.startsWith("#")) {
                replacement = Character.toString(Integer.parseInt(entity.substring(1)));
            } else {
                replacement = NAMED_ENTITIES.getOrDefault(entity, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
