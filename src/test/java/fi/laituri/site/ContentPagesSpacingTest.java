package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The first paragraph and the summary are compared with their white space made single spaces by hand; the regular
 * expression it replaced is kept here as the reference.
 */
class ContentPagesSpacingTest {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Test
    void eachRunOfWhiteSpaceBecomesOneSpaceAsTheRegularExpressionMakesIt() {
        List<String> inputs = new ArrayList<>(List.of("", " ", "  ", "\t", "a", " a ", "a  b", "a \n b", "\r\n",
                "a\u000Bb", "a\fb", "a\u00A0b", "a\u2003b", "a\u0085b", "a\u001Cb", "a\u3000 b", "😀 \t😀", "a b c "));
        String[] pieces = {" ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2028", "\u0085", "\u001F", "a", "ä",
                "😀", "&amp;", "Tiivistelmä."};
        Random random = new Random(20261207);
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int p = 0; p < length; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            inputs.add(text.toString());
        }
        for (String text : inputs) {
            assertEquals(SPACES.matcher(text).replaceAll(" "), ContentPages.oneSpaced(text), () -> "for " + text);
        }
    }

    @Test
    void textWhoseWhiteSpaceIsSingleSpacesAlreadyIsReturnedItself() {
        for (String text : List.of("", "Tiivistelmä.", "Tiivistelmä & muuta. ", " a b\u00A0 c")) {
            assertSame(text, ContentPages.oneSpaced(text));
        }
    }
}
