package fi.laituri.translation;

import fi.laituri.markdown.Markdown;
import fi.laituri.translation.Segments.Chars;
import fi.laituri.translation.Segments.Part;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SegmentsTest {

    private final Markdown markdown = new Markdown();

    /** The body with every unit's text replaced by {@code texts}, in order; codes dropped. */
    private String replaced(String body, String... texts) {
        List<Segments.Unit> units = Segments.of(markdown, body);
        assertEquals(texts.length, units.size(), units.toString());
        Map<String, List<Part>> targets = new HashMap<>();
        for (int i = 0; i < texts.length; i++) {
            targets.put(units.get(i).id(), List.of(new Chars(texts[i])));
        }
        return Segments.reassemble(body, units, targets);
    }

    @Test
    void theSameTextBackGivesTheSameBody() {
        String body = "## 1. Luku\n\nTeksti *korostettu* ja [linkki](https://example.fi).\n\n1. yksi\n2. kaksi\n";
        List<Segments.Unit> units = Segments.of(markdown, body);
        Map<String, List<Part>> same = new HashMap<>();
        units.forEach(u -> same.put(u.id(), u.parts()));
        assertEquals(body, Segments.reassemble(body, units, same));
    }

    @Test
    void aNumberedHeadingStaysAsWrittenButAParagraphStartingWithANumberIsEscaped() {
        assertEquals("## 1. Kapitel\n\n2\\. är inte en lista\n",
                replaced("## 1. Luku\n\nTeksti.\n", "1. Kapitel", "2. är inte en lista"));
    }

    @Test
    void markupCharactersInTheTranslationAreTextNotMarkup() {
        assertEquals("- \\*inte\\* \\[en länk\\](x)\n- \\# ingen rubrik\n",
                replaced("- yksi\n- kaksi\n", "*inte* [en länk](x)", "# ingen rubrik"));
    }

    @Test
    void aPipeInATableCellDoesNotSplitTheCell() {
        assertEquals("| a \\| b | c |\n| --- | --- |\n| 1 | 2 |\n",
                replaced("| x | y |\n| --- | --- |\n| 1 | 2 |\n", "a | b", "c", "1", "2"));
    }

    @Test
    void aLineBreakInATranslationJoinsTheLine() {
        assertEquals("Rad ett rad två\n\nSlut.\n", replaced("Yksi\nkaksi.\n\nLoppu.\n", "Rad ett\nrad två", "Slut."));
    }
}
