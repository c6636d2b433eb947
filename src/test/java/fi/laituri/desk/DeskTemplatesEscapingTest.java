package fi.laituri.desk;

import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desk's engine escapes what its templates print as Pebble's own escaping did. */
class DeskTemplatesEscapingTest {

    @Test
    void anErrorsDetailIsAutoescapedAsByPebblesOwnHtmlStrategy() {
        String detail = "<script>alert('x')</script> & \"ääkköset\" 😀";

        String html = new DeskTemplates("Europe/Helsinki").render("error", "fi", Map.of("status", 400, "detail", detail));

        assertTrue(html.contains("<p>" + HtmlEscape.escapeHtml4Xml(detail) + "</p>"), html);
        assertTrue(html.contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;ääkköset&quot; 😀</p>"), html);
    }
}
