package fi.laituri.search.lucene;

import fi.laituri.bench.SyntheticCorpus;
import fi.laituri.search.SearchDocument;
import org.junit.jupiter.api.Test;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SentenceBreaks} finds the sentences that the JDK's sentence iterator finds in a site's texts. */
class SentenceBreaksTest {

    @Test
    void theBenchmarkCorpusSplitsIntoTheSentencesTheJdkFinds() {
        for (SearchDocument d : SyntheticCorpus.searchDocuments(100, 7)) {
            assertSameBoundaries(d.bodyText());
            assertSameFromEveryOffset(d.bodyText());
            assertSameBoundaries(d.summary());
            assertSameFromEveryOffset(d.summary());
        }
    }

    @Test
    void abbreviationsNumbersQuotesAndLineBreaksSplitAsTheJdkSplitsThem() {
        assertSameBoundaries("Kunnat, esim. Espoo ja Vantaa, ovat mukana. Hanke alkoi 2021! Miksi? \"Siksi.\" Seuraava.");
        assertSameBoundaries("## Otsikko\n\nEnsimmäinen kappale. Toinen lause…  Kolmas (sulkeissa.) Neljäs.\n- kohta yksi\n- kohta kaksi\n");
        assertSameBoundaries("Ohjelma (2021–2022). Se päättyi. esim. pienellä alkava. 3. kesäkuuta on päivä.\u2029Uusi kappale.");
    }

    private static void assertSameBoundaries(String text) {
        BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ROOT);
        BreakIterator ours = new SentenceBreaks();
        jdk.setText(text);
        ours.setText(text);
        assertEquals(boundaries(jdk), boundaries(ours), text);
    }

    /**
     * The boundary before and after any offset, as snippets look for them. (The JDK's backward rules are not
     * always its forward ones: before the full stop of "Neljäs.\n- kohta" it finds a boundary that its forward
     * iteration does not have; there the boundaries of the sentences are taken.)
     */
    private static void assertSameFromEveryOffset(String text) {
        BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ROOT);
        BreakIterator ours = new SentenceBreaks();
        jdk.setText(text);
        ours.setText(text);
        for (int offset = 0; offset < text.length(); offset++) {
            assertEquals(jdk.following(offset), ours.following(offset), "following " + offset + " in " + text);
            assertEquals(jdk.preceding(offset + 1), ours.preceding(offset + 1), "preceding " + (offset + 1) + " in " + text);
        }
    }

    private static List<Integer> boundaries(BreakIterator breaks) {
        List<Integer> out = new ArrayList<>();
        for (int b = breaks.first(); b != BreakIterator.DONE; b = breaks.next()) {
            out.add(b);
        }
        return out;
    }
}
