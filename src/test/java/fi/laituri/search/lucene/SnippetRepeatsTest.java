package fi.laituri.search.lucene;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetRepeatsTest {

    @Test
    void aSnippetThatSaysWhatTheOneBeforeItSaidIsARepeatWhateverItsMarks() {
        List<String> before = List.of("Tuoreen <mark>Kumppanuusbaron</mark> vastauksissa ilahduttaa… Kumppanuusbaron tulosten mukaan");
        assertTrue(LuceneSearchIndex.repeats("Tuoreen Kumppanuusbaron <mark>vastauksissa</mark> ilahduttaa", before));
        assertFalse(LuceneSearchIndex.repeats("Kysely toteutettiin <mark>työ- ja elinkeinoministeriön</mark> hallinnoiman", before));
    }
}
