package fi.laituri.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchDocumentTest {

    @Test
    void plainTextOfRenderedHtmlKeepsTheWordsAndDecodesEntities() {
        String html = "<h2 id=\"a\">Ohjelma &amp; tavoitteet</h2>\n<p>Lue <a href=\"/fi/x/\">lisää</a> &lt;täältä&gt;&#33;</p>"
                + "<ul>\n<li>yksi</li>\n<li>kaksi</li>\n</ul>";

        assertEquals("Ohjelma & tavoitteet\nLue lisää <täältä>!\nyksi\nkaksi", SearchDocument.plainText(html));
    }
}
