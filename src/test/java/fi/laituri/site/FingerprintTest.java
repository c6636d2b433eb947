package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FingerprintTest {

    /** Each fingerprint starts from a fresh digest, on any thread: the same bytes always give the same SHA-256. */
    @Test
    void aFileFingerprintIsItsSha256FromAFreshDigestOnEveryThread() throws Exception {
        byte[] page = "<!DOCTYPE html><p>Kotoutuminen ja integration</p>".getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(page), 0, 20);
        assertEquals(expected, Fingerprint.ofBytes(page));
        assertEquals(expected, Fingerprint.ofBytes(page));
        List<String> side = IntStream.range(0, 2000).parallel().mapToObj(i -> Fingerprint.ofBytes(page)).distinct().toList();
        assertEquals(List.of(expected), side);
    }

    @Test
    void partsFingerprintTheSameEachTimeAndDifferByTheirValues() {
        assertEquals(Fingerprint.of("fi", 3, null, List.of("a", "b")), Fingerprint.of("fi", 3, null, List.of("a", "b")));
        assertNotEquals(Fingerprint.of("fi", 3), Fingerprint.of("sv", 3));
        assertNotEquals(Fingerprint.of("ab", "c"), Fingerprint.of("a", "bc"));
    }
}
