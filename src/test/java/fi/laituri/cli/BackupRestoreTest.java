package fi.laituri.cli;

import fi.laituri.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The backup and restore of the README's deployment section, as an operator runs it: {@code mariadb-dump} of a
 * Laituri database restored into an empty one gives the same rows, the same {@code laituri export} and the same built
 * site, and {@code laituri export} imported into a new database gives the same content back.
 */
class BackupRestoreTest {

    private static final List<String> DATABASES = new ArrayList<>();

    /**
     * The data folder (media files) all of this test's databases share, as the original and its restore on one server
     * do: a folder of the test's own, not ./data of the working directory.
     */
    private static final Path DATA = dataFolder();

    private static Path dataFolder() {
        try {
            return Files.createTempDirectory("laituri-backup-data-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void dropDatabases() throws IOException {
        DATABASES.forEach(TestDatabase::drop);
        fi.laituri.FileTrees.delete(DATA);
    }

    private static Map<String, String> env(String db) {
        Map<String, String> env = new HashMap<>();
        env.put("LAITURI_DB_URL", TestDatabase.url(db));
        env.put("LAITURI_DB_USER", TestDatabase.user());
        env.put("LAITURI_DB_PASSWORD", TestDatabase.password());
        env.put("LAITURI_DATA_DIR", DATA.toString());
        return env;
    }

    private static String fresh() {
        String db = TestDatabase.newDatabase();
        DATABASES.add(db);
        return db;
    }

    @Test
    void aDumpRestoredIntoAnEmptyDatabaseGivesTheSameRowsExportAndSiteAndTheExportImportsBackWhole(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mariadb-dump")), "needs the MariaDB client (apt-get install mariadb-client)");
        String original = fresh();
        assertEquals(0, CommandLineTest.run(env(original), "import", "content").exitCode());
        assertEquals(0, CommandLineTest.run(env(original), "user", "add", "--name", "maija", "--role", "translator", "--languages", "sv").exitCode());

        // Backup and restore, as in the README.
        Path dump = dir.resolve("laituri.sql");
        String restored = fresh();
        client(dump, false, "mariadb-dump", "--single-transaction", "--routines", "--triggers", original);
        client(dump, true, "mariadb", restored);

        assertEquals(rows(original), rows(restored), "every table has the same rows");
        CommandLineTest.Run exportOriginal = CommandLineTest.run(env(original), "export", dir.resolve("export-original").toString());
        CommandLineTest.Run exportRestored = CommandLineTest.run(env(restored), "export", dir.resolve("export-restored").toString());
        assertEquals(0, exportOriginal.exitCode(), exportOriginal.err());
        assertEquals(0, exportRestored.exitCode(), exportRestored.err());
        assertEquals(files(dir.resolve("export-original")), files(dir.resolve("export-restored")));
        assertEquals(0, CommandLineTest.run(env(original), "build", "--out", dir.resolve("site-original").toString()).exitCode());
        assertEquals(0, CommandLineTest.run(env(restored), "build", "--out", dir.resolve("site-restored").toString()).exitCode());
        assertEquals(files(dir.resolve("site-original/current")), files(dir.resolve("site-restored/current")), "the same site, byte for byte");
        assertTrue(CommandLineTest.run(env(restored), "user", "list").out().contains("maija"), "users and tokens are restored");

        // The content folder alone: imported into a new database, exported again, the same files.
        String fromExport = fresh();
        assertEquals(0, CommandLineTest.run(env(fromExport), "import", dir.resolve("export-restored").toString()).exitCode());
        assertEquals(0, CommandLineTest.run(env(fromExport), "export", dir.resolve("export-again").toString()).exitCode());
        assertEquals(files(dir.resolve("export-restored")), files(dir.resolve("export-again")));
    }

    /** Runs a MariaDB client program against the test server, its output to (or its input from) {@code file}. */
    private static void client(Path file, boolean input, String program, String... args) throws Exception {
        String url = TestDatabase.url("x");
        String host = url.replaceFirst("^jdbc:[a-z]+://([^:/]+).*$", "$1");
        String port = url.matches("^jdbc:[a-z]+://[^:/]+:(\\d+).*$") ? url.replaceFirst("^jdbc:[a-z]+://[^:/]+:(\\d+).*$", "$1") : "3306";
        List<String> command = new ArrayList<>(List.of("/usr/bin/" + program, "--no-defaults", "--protocol=TCP", "-h", host, "-P", port,
                "-u", TestDatabase.user()));
        if (!TestDatabase.password().isEmpty()) {
            command.add("-p" + TestDatabase.password());
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(file.resolveSibling(program + ".err").toFile());
        if (input) {
            pb.redirectInput(file.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            pb.redirectOutput(file.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), program + " did not finish");
        assertEquals(0, p.exitValue(), program + ": " + Files.readString(file.resolveSibling(program + ".err")));
    }

    private static Map<String, Long> rows(String db) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(TestDatabase.url(db), TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Path root = dir.toRealPath();
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
