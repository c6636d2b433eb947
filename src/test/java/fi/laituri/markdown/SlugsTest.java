package fi.laituri.markdown;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Työ- ja elinkeinoministeriö         | tyo-ja-elinkeinoministerio",
            "Åbo Akademi                          | abo-akademi",
            "ÄÄNESTYS ÖISIN                       | aanestys-oisin",
            "Ålands landskapsregering            | alands-landskapsregering",
            "Münchenin café                       | munchenin-cafe",
            "Toimintasuunnitelma 2021–2022        | toimintasuunnitelma-2021-2022",
    })
    void titlesAreTransliteratedToLowercaseAscii(String title, String slug) {
        assertEquals(slug, Slugs.fromTitle(title));
    }

    @Test
    void onlyLettersDigitsAndHyphensRemain() {
        String slug = Slugs.fromTitle("Mitä? Kuka! 100 % <b>varma</b> & \"lainattu\" / polku.html");

        assertEquals("mita-kuka-100-b-varma-b-lainattu-polku-html", slug);
        assertTrue(slug.matches("[a-z0-9-]+"), slug);
    }

    @Test
    void hyphensAreNeverLeadingTrailingOrDoubled() {
        assertEquals("hei-maailma", Slugs.fromTitle("  -- Hei --  ---  maailma! -- "));
    }

    @Test
    void aTitleWithoutLettersOrDigitsGivesAnEmptySlug() {
        assertEquals("", Slugs.fromTitle(" – ?! "));
    }

    @Test
    void aLongTitleIsCutAtAHyphenWithinTheMaximumLength() {
        String title = "Kotoutumisen kumppanuusohjelma tukee kotoutumista ja yhteiskunnan vastaanottavuutta "
                + "edistävän työn vaikuttavuutta tuomalla toimijoita yhteen";
        String whole = "kotoutumisen-kumppanuusohjelma-tukee-kotoutumista-ja-yhteiskunnan-vastaanottavuutta-"
                + "edistavan-tyon-vaikuttavuutta-tuomalla-toimijoita-yhteen";

        String slug = Slugs.fromTitle(title);

        assertTrue(whole.length() > Slugs.MAX_LENGTH);
        assertTrue(slug.length() <= Slugs.MAX_LENGTH, slug);
        assertTrue(whole.startsWith(slug + "-"), slug);
        assertEquals("kotoutumisen-kumppanuusohjelma-tukee-kotoutumista-ja-yhteiskunnan-vastaanottavuutta-edistavan-tyon", slug);
    }

    @Test
    void aSingleWordLongerThanTheMaximumIsCutAtTheMaximum() {
        String slug = Slugs.fromTitle("a".repeat(150));

        assertEquals("a".repeat(Slugs.MAX_LENGTH), slug);
        assertTrue(Slugs.isValid(slug));
    }

    @Test
    void generatedSlugsAreValid() {
        assertTrue(Slugs.isValid(Slugs.fromTitle("Kumppanuusohjelmaa pidetään hyödyllisenä – tietoa tarvitaan")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "fi", "2021-2022", "kumppanuusohjelman-tavoitteet-ja-periaatteet"})
    void lowercaseWordsJoinedBySingleHyphensAreValid(String slug) {
        assertTrue(Slugs.isValid(slug));
    }

    @Test
    void aSlugOfExactlyTheMaximumLengthIsValid() {
        assertTrue(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "../x", "..", ".", "a/b", "a\\b", "%2e%2e", "%2e%2e%2fx", "/etc/passwd", "C:", "a\u0000b", "a\u0000",
            "a\nb", "a\tb", "a\u001fb", "a\u007fb", "", " ", " a", "a ", "A", "Kumppanuus", "ä", "-a", "a-", "a--b",
            "a_b", "a.b", "a+b", "a%20b", "a?b", "a#b",
    })
    void unsafeOrMalformedSlugsAreInvalid(String slug) {
        assertFalse(Slugs.isValid(slug), () -> "accepted " + slug.replace("\u0000", "\\0"));
    }

    @Test
    void nullIsNotASlug() {
        assertFalse(Slugs.isValid(null));
    }

    @Test
    void aSlugOfOneMoreThanTheMaximumLengthIsInvalid() {
        assertFalse(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH + 1)));
    }

    @Test
    void aNumberedSlugAppendsTheNumber() {
        assertEquals("tavoitteet-2", Slugs.numbered("tavoitteet", 2));
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "97, 2", "96, 10", "95, 123"})
    void aNumberedSlugOfALongBaseIsCutToStayValid(int hyphenAt, int number) {
        String base = "a".repeat(hyphenAt) + "-" + "b".repeat(Slugs.MAX_LENGTH - hyphenAt - 1);

        String numbered = Slugs.numbered(base, number);

        assertTrue(Slugs.isValid(numbered), numbered);
        assertTrue(numbered.endsWith("-" + number), numbered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blog", "tags", "search", "404.html", "feed.xml", "sitemap.xml"})
    void theSitesOwnNamesAreReserved(String name) {
        assertTrue(Slugs.isReserved(name));
    }

    @Test
    void ordinarySlugsAreNotReserved() {
        assertFalse(Slugs.isReserved("blogi"));
        assertFalse(Slugs.isReserved("blog-2"));
    }
}
