package fi.laituri.site.hyphenation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyphenatorTest {

    private static String points(String language, String text) {
        return Hyphenator.of(language).orElseThrow().hyphenate(text).replace(Hyphenator.SOFT_HYPHEN, '|');
    }

    @Test
    void aLongFinnishCompoundBreaksAtItsSyllables() {
        assertEquals("Kump|pa|nuus|oh|jel|maa", points("fi", "Kumppanuusohjelmaa"));
    }

    @Test
    void aLongSwedishCompoundBreaksAtItsSyllables() {
        String hyphenated = points("sv", "Partnerskapsprogrammet");
        assertEquals("Partnerskapsprogrammet", hyphenated.replace("|", ""));
        assertTrue(hyphenated.contains("|"), hyphenated);
        for (String part : hyphenated.split("\\|")) {
            assertTrue(part.length() >= 2, hyphenated);
        }
    }

    @Test
    void shortWordsAndPunctuationStayAsTheyAreAndCapitalsAreKept() {
        assertEquals("Kotoutuja, ja EU-maat!", points("fi", "Kotoutuja, ja EU-maat!"));
        assertEquals("KO|TOU|TUMIS|KOU|LU|TUS", points("fi", "KOTOUTUMISKOULUTUS"));
    }

    @Test
    void aLanguageWithoutPatternsHasNoHyphenator() {
        assertTrue(Hyphenator.of("xx").isEmpty());
        assertTrue(Hyphenator.of("../fi").isEmpty());
    }

    @Test
    void aWordHyphenatedAgainBreaksTheSameAndTextWithoutLongWordsIsReturnedAsItIs() {
        Hyphenator fi = Hyphenator.of("fi").orElseThrow();
        String first = fi.hyphenate("Kumppanuusohjelmaa ja kumppanuusohjelmaa");
        assertEquals(first, fi.hyphenate("Kumppanuusohjelmaa ja kumppanuusohjelmaa"));
        assertEquals("Kump|pa|nuus|oh|jel|maa ja kump|pa|nuus|oh|jel|maa", first.replace(Hyphenator.SOFT_HYPHEN, '|'));
        String plain = "Lyhyitä sanoja vain, ei yhtään pitkää.";
        assertTrue(fi.hyphenate(plain) == plain, "no copy is made of a text with nothing to break");
    }

    @Test
    void anHtmlLangFindsTheHyphenatorOfItsLanguage() {
        assertTrue(Hyphenator.of("fi-FI").orElseThrow() == Hyphenator.of("fi").orElseThrow());
        assertTrue(Hyphenator.of("sv-FI").isPresent());
        assertTrue(Hyphenator.of("xx-YY").isEmpty());
    }
}
