package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class Utf8WriterTest {

    private static byte[] written(String... parts) {
        Utf8Writer out = new Utf8Writer(16);
        for (String part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheBytesStringGetBytesGivesForEveryKindOfCharacter() {
        String page = "<p>Kotoutuminen – integration › Åbo, café, 🙂 and 中文 &amp; ä</p>";
        assertArrayEquals(utf8(page), written(page));
    }

    /**
     * A thread's writers share one buffer, one after the other: what one returned stays as it was while the next
     * writes, a writer made while another is open has its own, and one written after its bytes were taken goes on.
     */
    @Test
    void bytesTakenFromAWriterStayAsTheyWereWhileTheThreadsNextWritersWrite() {
        Utf8Writer first = new Utf8Writer(32);
        first.write("ensimmäinen sivu");
        byte[] one = first.toByteArray();
        Utf8Writer second = new Utf8Writer(32);
        Utf8Writer nested = new Utf8Writer(32);
        second.write("toinen sivu, pidempi kuin ensimmäinen");
        nested.write("sisäkkäinen");
        byte[] two = second.toByteArray();
        byte[] inner = nested.toByteArray();
        first.write(" ja jatko");
        byte[] again = first.toByteArray();
        Utf8Writer third = new Utf8Writer(32);
        third.write("kolmas");
        byte[] three = third.toByteArray();
        Utf8Writer fourth = new Utf8Writer(32);
        fourth.write("neljäs sivu kirjoitetaan samaan puskuriin");
        fourth.toByteArray();
        assertArrayEquals(utf8("ensimmäinen sivu"), one);
        assertArrayEquals(utf8("toinen sivu, pidempi kuin ensimmäinen"), two);
        assertArrayEquals(utf8("sisäkkäinen"), inner);
        assertArrayEquals(utf8("ensimmäinen sivu ja jatko"), again);
        assertArrayEquals(utf8("kolmas"), three);
    }

    @Test
    void aSurrogatePairSplitBetweenTwoWritesIsOneCharacter() {
        String face = "🙂";
        assertArrayEquals(utf8("a" + face + "b"), written("a" + face.charAt(0), face.charAt(1) + "b"));
        Utf8Writer chars = new Utf8Writer(1);
        chars.write(face.toCharArray(), 0, 1);
        chars.write(face.toCharArray(), 1, 1);
        assertArrayEquals(utf8(face), chars.toByteArray());
    }

    @Test
    void loneSurrogatesAreWrittenAsQuestionMarksAsTheEncoderDoes() {
        String loneHigh = "x\uD83Dy";
        String loneLow = "x\uDE42y";
        String highAtEnd = "x\uD83D";
        assertArrayEquals(utf8(loneHigh), written(loneHigh));
        assertArrayEquals(utf8(loneLow), written(loneLow));
        assertArrayEquals(utf8(highAtEnd), written(highAtEnd));
        assertArrayEquals(utf8("\uD83D\uD83D\uDE42"), written("\uD83D", "\uD83D\uDE42"));
    }

    @Test
    void charactersArraysOffsetsAndSingleCharactersAreWrittenAsGiven() {
        Utf8Writer out = new Utf8Writer(4);
        char[] chars = "--ääkköset--".toCharArray();
        out.write(chars, 2, 8);
        out.write('€');
        out.write("<<ö>>", 2, 1);
        out.append("ok");
        char[] mixed = "[<p class=\"x\">Åbo 🙂</p>]".toCharArray();
        out.write(mixed, 1, mixed.length - 2);
        out.write("<b>".toCharArray());
        assertArrayEquals(utf8("ääkköset€öok<p class=\"x\">Åbo 🙂</p><b>"), out.toByteArray());
    }

    @Test
    void randomTextInManyPiecesEncodesAsAWhole() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(3000);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                text.append(kind < 6 ? (char) (' ' + random.nextInt(95))
                        : kind < 8 ? (char) (0x80 + random.nextInt(0x780))
                        : kind < 9 ? (char) (0x800 + random.nextInt(0xF000))
                        : (char) (0xD800 + random.nextInt(0x800)));
            }
            String s = text.toString();
            Utf8Writer out = new Utf8Writer(random.nextInt(64));
            for (int at = 0; at < s.length(); ) {
                int n = Math.min(s.length() - at, random.nextInt(100));
                if (random.nextBoolean()) {
                    out.write(s, at, n);
                } else {
                    out.write(s.toCharArray(), at, n);
                }
                at += n;
            }
            assertArrayEquals(utf8(s), out.toByteArray(), "round " + round);
        }
    }

    @Test
    void aLongTextWrittenFromOneArrayAgainIsWrittenAsItNowIs() {
        char[] css = ("body { margin: 0; } /* – */ " + "x".repeat(2000)).toCharArray();
        Utf8Writer first = new Utf8Writer(16);
        first.write(css);
        assertArrayEquals(utf8(new String(css)), first.toByteArray());
        css[0] = 'ä';
        Utf8Writer again = new Utf8Writer(16);
        again.write(css);
        assertArrayEquals(utf8(new String(css)), again.toByteArray());
        Utf8Writer part = new Utf8Writer(16);
        part.write(css, 1, 10);
        assertArrayEquals(utf8(new String(css, 1, 10)), part.toByteArray());
    }
}
