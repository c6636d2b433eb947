package fi.laituri.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file written by the site writer holds exactly its bytes, whatever their size against the write pieces. */
class WriteWholeTest {

    @Test
    void everySizeIsWrittenWhole(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        int piece = 256 * 1024;
        for (int size : new int[]{0, 1, 8191, 8193, 20_000, piece - 1, piece, piece + 1, 4 * piece + 3}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path file = dir.resolve("f" + size);
            SiteWriter.writeWhole(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            assertArrayEquals(bytes, Files.readAllBytes(file), "size " + size);
        }
    }

    @Test
    void aReplacementIsTruncatedToItsOwnBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("page.html");
        Files.write(file, new byte[600_000]);
        byte[] shorter = "<p>lyhyempi</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SiteWriter.writeWhole(file, shorter, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        assertArrayEquals(shorter, Files.readAllBytes(file));
    }

    @Test
    void aNewFileIsNeverWrittenOverAnother(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("page.html"), "olemassa");
        assertThrows(FileAlreadyExistsException.class, () -> SiteWriter.writeWhole(file, new byte[]{1},
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        assertArrayEquals("olemassa".getBytes(), Files.readAllBytes(file));
    }
}
