package fi.laituri.media;

import fi.laituri.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where media files are kept: in the data folder unless LAITURI_MEDIA_DIR says otherwise, and the files that earlier
 * versions kept in a folder named {@code media}} (a misread placeholder) moved there without losing one.
 */
class MediaFolderTest {

    private final Path temp = temp();

    @AfterEach
    void clean() throws IOException {
        FileTrees.delete(temp);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("laituri-media-folder");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MediaSettings settings(String directory, String dataDir) {
        return new MediaSettings(directory, dataDir, 50_000_000L, 40_000_000L, "480,960", "cwebp", "100vw");
    }

    @Test
    void withoutAMediaFolderTheFilesAreKeptInTheDataFoldersMedia() {
        Path data = temp.resolve("var/laituri");

        assertEquals(data.resolve("media"), settings("", data.toString()).directory());
    }

    @Test
    void aMediaFolderGivenIsUsedAsItIs() {
        Path media = temp.resolve("srv/media");

        assertEquals(media, settings(media.toString(), temp.resolve("data").toString()).directory());
    }

    @Test
    void filesAnEarlierVersionKeptInsideTheGivenMediaFolderMoveUpIntoIt() throws IOException {
        Path media = temp.resolve("srv/media");
        Path earlier = media.resolve("media}");
        write(earlier.resolve("files/ab/cd/abcd1"), "one");
        write(earlier.resolve("variants/abcd1-480.webp"), "variant");
        Files.createDirectories(earlier.resolve("tmp"));

        MediaSettings settings = settings(media.toString(), temp.resolve("data").toString());

        assertEquals(media, settings.directory());
        assertEquals("one", Files.readString(media.resolve("files/ab/cd/abcd1")));
        assertEquals("variant", Files.readString(media.resolve("variants/abcd1-480.webp")));
        assertFalse(Files.exists(earlier), "the earlier folder is gone once empty");
    }

    @Test
    void filesAnEarlierVersionKeptElsewhereAreMergedWithThoseAlreadyInTheMediaFolder() throws IOException {
        Path earlier = temp.resolve("old/data/media}");
        Path media = temp.resolve("var/laituri/media");
        write(earlier.resolve("files/ab/cd/same"), "same");
        write(earlier.resolve("files/ab/cd/only-earlier"), "earlier");
        write(earlier.resolve("files/ef/01/other-folder"), "other");
        write(media.resolve("files/ab/cd/same"), "same");
        write(media.resolve("files/ab/cd/only-now"), "now");

        EarlierMediaFolder.moveInto(earlier, media);

        assertEquals(List.of("files/ab/cd/only-earlier", "files/ab/cd/only-now", "files/ab/cd/same", "files/ef/01/other-folder"),
                files(media));
        assertEquals("earlier", Files.readString(media.resolve("files/ab/cd/only-earlier")));
        assertEquals("other", Files.readString(media.resolve("files/ef/01/other-folder")));
        assertFalse(Files.exists(earlier));
    }

    @Test
    void anEarlierFileThatDiffersFromTheOneInTheMediaFolderStaysWhereItIs() throws IOException {
        Path earlier = temp.resolve("old/data/media}");
        Path media = temp.resolve("media");
        write(earlier.resolve("files/ab/cd/name"), "earlier, longer");
        write(media.resolve("files/ab/cd/name"), "now");

        EarlierMediaFolder.moveInto(earlier, media);

        assertEquals("now", Files.readString(media.resolve("files/ab/cd/name")));
        assertEquals("earlier, longer", Files.readString(earlier.resolve("files/ab/cd/name")), "nothing is lost");
    }

    @Test
    void withoutAnEarlierFolderNothingHappens() throws IOException {
        Path media = temp.resolve("media");

        EarlierMediaFolder.moveInto(temp.resolve("none/media}"), media);

        assertTrue(Files.isDirectory(temp));
        assertFalse(Files.exists(media));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
