package fi.laituri.content;

import fi.laituri.content.RevisionDiff.Edit;
import fi.laituri.content.RevisionDiff.FieldChange;
import fi.laituri.content.RevisionDiff.LineHunk;
import fi.laituri.content.RevisionDiff.Mode;
import fi.laituri.content.RevisionDiff.WordHunk;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionDiffTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Test
    void aChangedLineIsShownWithThreeUnchangedLinesOnEachSide() {
        List<LineHunk> hunks = BodyDiff.lineHunks(numbered(1, 10), replace(numbered(1, 10), 5, "viisi"));

        assertEquals(1, hunks.size());
        LineHunk hunk = hunks.get(0);
        assertEquals(List.of(2, 7, 2, 7), List.of(hunk.fromLine(), hunk.fromCount(), hunk.toLine(), hunk.toCount()));
        assertEquals(List.of(
                edit("equal", "rivi 2"), edit("equal", "rivi 3"), edit("equal", "rivi 4"),
                edit("delete", "rivi 5"), edit("insert", "viisi"),
                edit("equal", "rivi 6"), edit("equal", "rivi 7"), edit("equal", "rivi 8")), hunk.lines());
    }

    @Test
    void contextStopsAtTheStartAndEndOfTheBody() {
        List<LineHunk> hunks = BodyDiff.lineHunks(numbered(1, 2), replace(numbered(1, 2), 1, "yksi"));

        LineHunk hunk = hunks.get(0);
        assertEquals(List.of(1, 2, 1, 2), List.of(hunk.fromLine(), hunk.fromCount(), hunk.toLine(), hunk.toCount()));
        assertEquals(List.of(edit("delete", "rivi 1"), edit("insert", "yksi"), edit("equal", "rivi 2")), hunk.lines());
    }

    @Test
    void changesSixUnchangedLinesApartShareAHunkAndSevenApartDoNot() {
        List<String> old = numbered(1, 30);

        List<LineHunk> close = BodyDiff.lineHunks(old, replace(replace(old, 5, "a"), 12, "b"));
        List<LineHunk> apart = BodyDiff.lineHunks(old, replace(replace(old, 5, "a"), 13, "b"));

        assertEquals(1, close.size());
        assertEquals(List.of(2, 14), List.of(close.get(0).fromLine(), close.get(0).fromCount()));
        assertEquals(2, apart.size());
        assertEquals(List.of(2, 7, 10, 7), List.of(apart.get(0).fromLine(), apart.get(0).fromCount(),
                apart.get(1).fromLine(), apart.get(1).fromCount()));
    }

    @Test
    void textAddedToAnEmptyBodyStartsAfterLineZero() {
        LineHunk hunk = BodyDiff.lineHunks(List.of(), List.of("Uusi")).get(0);

        assertEquals(List.of(0, 0, 1, 1), List.of(hunk.fromLine(), hunk.fromCount(), hunk.toLine(), hunk.toCount()));
        assertEquals(List.of(edit("insert", "Uusi")), hunk.lines());
    }

    @Test
    void identicalBodiesGiveNoHunksInEitherMode() {
        VariantContent content = content("Otsikko", "Ensimmäinen kappale.\n\nToinen kappale.\n");

        assertEquals(List.of(), RevisionDiff.compare(2, content, 2, content, Mode.LINE, HELSINKI).hunks());
        assertEquals(List.of(), RevisionDiff.compare(1, content, 2, content, Mode.WORD, HELSINKI).hunks());
        assertEquals(List.of(), RevisionDiff.compare(1, content, 2, content, Mode.WORD, HELSINKI).fields());
    }

    @Test
    void crlfAndLfLineEndingsAreTheSameLine() {
        VariantContent windows = content("Otsikko", "Ensimmäinen rivi\r\nToinen rivi\r\n\r\nKolmas kappale\r\n");
        VariantContent unix = content("Otsikko", "Ensimmäinen rivi\nToinen rivi\n\nKolmas kappale");

        assertEquals(List.of(), RevisionDiff.compare(1, windows, 2, unix, Mode.LINE, HELSINKI).hunks());
        assertEquals(List.of(), RevisionDiff.compare(1, windows, 2, unix, Mode.WORD, HELSINKI).hunks());
    }

    @Test
    void aChangedListItemIsOneDeletedAndOneInsertedLine() {
        List<String> old = BodyDiff.lines("Ostoslista:\n\n- maitoa\n- leipää\n- voita\n");
        List<String> changed = BodyDiff.lines("Ostoslista:\n\n- maitoa\n- ruisleipää\n- voita\n");

        List<Edit> lines = BodyDiff.lineHunks(old, changed).get(0).lines();

        assertEquals(List.of(edit("delete", "- leipää")), only(lines, "delete"));
        assertEquals(List.of(edit("insert", "- ruisleipää")), only(lines, "insert"));
    }

    @Test
    void aChangedListItemIsAWordHunkOverTheWholeList() {
        List<String> old = BodyDiff.lines("Ostoslista:\n\n- maitoa\n- leipää\n- voita\n");
        List<String> changed = BodyDiff.lines("Ostoslista:\n\n- maitoa\n- ruisleipää\n- voita\n");

        List<WordHunk> hunks = BodyDiff.wordHunks(old, changed);

        assertEquals(1, hunks.size());
        assertEquals(List.of(3, 3, 3, 3), List.of(hunks.get(0).fromLine(), hunks.get(0).fromCount(),
                hunks.get(0).toLine(), hunks.get(0).toCount()));
        assertEquals(List.of(edit("equal", "- maitoa\n- "), edit("delete", "leipää"), edit("insert", "ruisleipää"),
                edit("equal", "\n- voita")), hunks.get(0).tokens());
    }

    @Test
    void aMovedParagraphIsDeletedWhereItWasAndInsertedWhereItIs() {
        List<String> old = BodyDiff.lines("Ensimmäinen.\n\nToinen.\n\nKolmas.\n\nNeljäs.\n\nViides.");
        List<String> moved = BodyDiff.lines("Toinen.\n\nKolmas.\n\nNeljäs.\n\nEnsimmäinen.\n\nViides.");

        List<Edit> lines = BodyDiff.lineHunks(old, moved).stream().flatMap(h -> h.lines().stream()).toList();
        List<WordHunk> words = BodyDiff.wordHunks(old, moved);

        assertEquals(List.of("Ensimmäinen."), texts(only(lines, "delete")).stream().filter(t -> !t.isEmpty()).toList());
        assertEquals(List.of("Ensimmäinen."), texts(only(lines, "insert")).stream().filter(t -> !t.isEmpty()).toList());
        assertEquals(2, words.size());
        assertEquals("delete", words.get(0).tokens().get(0).op());
        assertEquals(0, words.get(0).toCount());
        assertEquals("insert", words.get(1).tokens().get(0).op());
        assertEquals(0, words.get(1).fromCount());
        assertTrue(words.stream().allMatch(h -> h.tokens().size() == 1), String.valueOf(words));
    }

    @Test
    void wordTokensReassembleTheOldAndTheNewParagraphExactly() {
        String old = "Otsikko\n\nKissa istui matolla, ja  koira\tnukkui.\nToinen rivi samassa kappaleessa.\n\nLoppu.";
        String changed = "Otsikko\n\nKissa makasi sohvalla; ja koira\tnukkui!\nToinen rivi samassa kappaleessa.\n\nLoppu.";

        List<WordHunk> hunks = BodyDiff.wordHunks(BodyDiff.lines(old), BodyDiff.lines(changed));

        assertEquals(1, hunks.size());
        WordHunk hunk = hunks.get(0);
        assertEquals(List.of(3, 2, 3, 2), List.of(hunk.fromLine(), hunk.fromCount(), hunk.toLine(), hunk.toCount()));
        assertEquals("Kissa istui matolla, ja  koira\tnukkui.\nToinen rivi samassa kappaleessa.", oldText(hunk.tokens()));
        assertEquals("Kissa makasi sohvalla; ja koira\tnukkui!\nToinen rivi samassa kappaleessa.", newText(hunk.tokens()));
    }

    @Test
    void finnishWordsWithUmlautsAreWholeTokens() {
        List<Edit> tokens = BodyDiff.words("Hän söi äidin tekemää jäätelöä.", "Hän söi isän tekemää mansikkajäätelöä.");

        assertEquals(List.of(
                edit("equal", "Hän söi "), edit("delete", "äidin"), edit("insert", "isän"),
                edit("equal", " tekemää "), edit("delete", "jäätelöä"), edit("insert", "mansikkajäätelöä"),
                edit("equal", ".")), tokens);
    }

    @Test
    void aWordReplacedByTwoIsOneDeleteAndOneInsert() {
        List<Edit> tokens = BodyDiff.words("Auki arkisin kello 9.", "Auki joka päivä kello 9.");

        assertEquals(List.of(edit("equal", "Auki "), edit("delete", "arkisin"), edit("insert", "joka päivä"),
                edit("equal", " kello 9.")), tokens);
    }

    @Test
    void aDeletedWordBesideAnInsertedOneKeepsTheSpaceBetweenUnchanged() {
        List<Edit> tokens = BodyDiff.words("yksi kaksi kolme", "yksi kolme neljä");

        assertEquals("yksi kaksi kolme", oldText(tokens));
        assertEquals("yksi kolme neljä", newText(tokens));
        assertEquals(List.of("kaksi "), texts(only(tokens, "delete")));
        assertEquals(List.of(" neljä"), texts(only(tokens, "insert")));
    }

    @Test
    void decomposedUmlautsAndEmojiStayWholeAndReassembleExactly() {
        String old = "Pa\u0308a\u0308kirjoitus 😀 ja ö\u2028rivi";
        String changed = "Pa\u0308a\u0308kirjoitukset 🎉 ja ö\u2028rivi";

        List<Edit> tokens = BodyDiff.words(old, changed);

        assertEquals(old, oldText(tokens));
        assertEquals(changed, newText(tokens));
        assertEquals(List.of("Pa\u0308a\u0308kirjoitus 😀"), texts(only(tokens, "delete")));
        assertEquals(List.of("Pa\u0308a\u0308kirjoitukset 🎉"), texts(only(tokens, "insert")));
    }

    @Test
    void onlyTheChangedFieldsAreListedWithTheirOldAndNewValues() {
        Instant date = Instant.parse("2025-06-01T09:00:00Z");
        VariantContent first = new VariantContent("kesa", "Kesä", "Tiivistelmä", "Teksti", List.of("loma"),
                List.of("anna"), null);
        VariantContent second = new VariantContent("kesa", "Kesäloma", "Tiivistelmä", "Teksti", List.of("loma", "kesä"),
                List.of("anna"), date);

        List<FieldChange> fields = RevisionDiff.compare(1, first, 2, second, Mode.LINE, HELSINKI).fields();

        assertEquals(List.of(
                new FieldChange("title", "Kesä", "Kesäloma"),
                new FieldChange("tags", List.of("loma"), List.of("loma", "kesä")),
                new FieldChange("date", null, OffsetDateTime.parse("2025-06-01T12:00:00+03:00"))), fields);
    }

    @Test
    void comparingTheOtherWaySwapsDeletesAndInserts() {
        VariantContent older = content("Vanha", "Yksi\nKaksi\nKolme");
        VariantContent newer = content("Uusi", "Yksi\n2\nKolme");

        RevisionDiff.Diff forward = RevisionDiff.compare(1, older, 3, newer, Mode.LINE, HELSINKI);
        RevisionDiff.Diff backward = RevisionDiff.compare(3, newer, 1, older, Mode.LINE, HELSINKI);

        assertEquals(List.of(edit("equal", "Yksi"), edit("delete", "Kaksi"), edit("insert", "2"), edit("equal", "Kolme")),
                ((LineHunk) forward.hunks().get(0)).lines());
        assertEquals(List.of(edit("equal", "Yksi"), edit("delete", "2"), edit("insert", "Kaksi"), edit("equal", "Kolme")),
                ((LineHunk) backward.hunks().get(0)).lines());
        assertEquals(List.of(new FieldChange("title", "Uusi", "Vanha")), backward.fields());
        assertEquals(List.of(3, 1), List.of(backward.from(), backward.to()));
    }

    @Test
    void aHugeBodyRewrittenThroughoutIsShownAsReplacedWholeWithinSeconds() {
        List<String> old = IntStream.range(0, 200_000).mapToObj(n -> "vanha " + n).toList();
        List<String> rewritten = IntStream.range(0, 200_000).mapToObj(n -> "uusi " + n).toList();
        List<String> framed = new java.util.ArrayList<>(List.of("Alku"));
        framed.addAll(rewritten);
        framed.add("Loppu");
        List<String> oldFramed = new java.util.ArrayList<>(List.of("Alku"));
        oldFramed.addAll(old);
        oldFramed.add("Loppu");

        List<LineHunk> hunks = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> BodyDiff.lineHunks(oldFramed, framed));

        assertEquals(1, hunks.size());
        List<Edit> lines = hunks.get(0).lines();
        assertEquals(edit("equal", "Alku"), lines.get(0));
        assertEquals(old, texts(lines.subList(1, 200_001)));
        assertEquals(List.of("delete"), lines.subList(1, 200_001).stream().map(Edit::op).distinct().toList());
        assertEquals(rewritten, texts(lines.subList(200_001, 400_001)));
        assertEquals(List.of("insert"), lines.subList(200_001, 400_001).stream().map(Edit::op).distinct().toList());
        assertEquals(edit("equal", "Loppu"), lines.get(400_001));
    }

    private static VariantContent content(String title, String body) {
        return new VariantContent("slug", title, "", body, List.of(), List.of(), null);
    }

    /** Lines "rivi first" to "rivi last". */
    private static List<String> numbered(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(n -> "rivi " + n).toList();
    }

    /** The lines with line {@code number} (from 1) replaced. */
    private static List<String> replace(List<String> lines, int number, String text) {
        List<String> copy = new java.util.ArrayList<>(lines);
        copy.set(number - 1, text);
        return copy;
    }

    private static Edit edit(String op, String text) {
        return new Edit(op, text);
    }

    private static List<Edit> only(List<Edit> edits, String op) {
        return edits.stream().filter(e -> e.op().equals(op)).toList();
    }

    private static List<String> texts(List<Edit> edits) {
        return edits.stream().map(Edit::text).toList();
    }

    /** The equal and deleted tokens, in order. */
    private static String oldText(List<Edit> tokens) {
        return tokens.stream().filter(t -> !t.op().equals("insert")).map(Edit::text).collect(Collectors.joining());
    }

    /** The equal and inserted tokens, in order. */
    private static String newText(List<Edit> tokens) {
        return tokens.stream().filter(t -> !t.op().equals("delete")).map(Edit::text).collect(Collectors.joining());
    }
}
