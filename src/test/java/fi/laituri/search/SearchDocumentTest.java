package fi.laituri.search;

import fi.laituri.markdown.Markdown;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchDocumentTest {

    private final Markdown markdown = new Markdown();

    @Test
    void plainTextOfABodyKeepsTheWordsAndDropsTheMarkup() {
        String body = "## Ohjelma & tavoitteet\n\nLue [lisää](/fi/x/) <täältä>&#33; **heti** ![Kartta](kartta.png)\n\n- yksi\n- kaksi\n";

        assertEquals("Ohjelma & tavoitteet\nLue lisää <täältä>! heti Kartta\n- yksi\n- kaksi",
                markdown.toPlainText(markdown.parse(body)));
    }
}
