package fi.laituri.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code laituri publish} as a user runs it: no database, one line of what it did or why it could not. */
class PublishCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LaituriCommand.commandLine(picocli.CommandLine.defaultFactory()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void publishCopiesTheLiveBuildToAFolderAndSaysWhatItDid(@TempDir Path dir) throws Exception {
        Path build = Files.createDirectories(dir.resolve("site/builds/b/fi"));
        Files.writeString(build.resolve("index.html"), "<h1>Etusivu</h1>");
        Files.writeString(build.resolve("../robots.txt"), "User-agent: *");
        Files.createSymbolicLink(dir.resolve("site/current"), Path.of("builds/b"));

        Run run = run("publish", "--site", dir.resolve("site").toString(), "--to", dir.resolve("www").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Published the site (b) to " + dir.resolve("www") + ": 2 written, 0 unchanged, 0 deleted"), run.out());
        assertEquals("<h1>Etusivu</h1>", Files.readString(dir.resolve("www/fi/index.html")));
    }

    @Test
    void publishWithNoBuiltSiteSaysSoInOneLineAndExitsWith1(@TempDir Path dir) {
        Run run = run("publish", "--site", dir.resolve("none").toString(), "--to", dir.resolve("www").toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("laituri: nothing to publish: "), run.err());
        assertTrue(Files.notExists(dir.resolve("www")));
    }

    @Test
    void publishToAFolderOfSomeoneElsesFilesIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("site/builds/a"));
        Files.writeString(dir.resolve("site/builds/a/index.html"), "x");
        Files.createSymbolicLink(dir.resolve("site/current"), Path.of("builds/a"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/notes.txt"), "mine");
        Run run = run("publish", "--site", dir.resolve("site").toString(), "--to", dir.resolve("home").toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("did not put there"), run.err());
    }
}
