package fi.laituri.cli;

import fi.laituri.TestDatabase;
import fi.laituri.security.Users;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The laituri command as a user runs it, against a real database. */
class CommandLineTest {

    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(Map<String, String> env, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K command = CommandLine.defaultFactory().create(type);
                if (command instanceof AppCommand app) {
                    app.env = env;
                }
                return command;
            }
        };
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LaituriCommand.commandLine(factory).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final List<String> DATABASES = new ArrayList<>();

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::drop);
    }

    private static Map<String, String> freshDatabaseEnv() {
        String db = TestDatabase.newDatabase();
        DATABASES.add(db);
        return TestDatabase.processEnvironment(db);
    }

    @Test
    void aWrongDatabasePasswordIsReportedInOneLine() {
        assumeTrue(TestDatabase.checksPasswords(), "the embedded test server checks no passwords; CI runs this against a real server");
        Map<String, String> env = freshDatabaseEnv();
        env.put("LAITURI_DB_USER", "laituri_nobody");
        env.put("LAITURI_DB_PASSWORD", "wrong");

        Run run = run(env, "user", "list");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("laituri: cannot use the database at " + env.get("LAITURI_DB_URL")), run.err());
        assertTrue(run.err().contains("Access denied"), run.err());
    }

    @Test
    void aDatabaseServerThatIsDownIsReportedInOneLine() {
        Map<String, String> env = Map.of("LAITURI_DB_URL", "jdbc:mariadb://127.0.0.1:1/laituri?connectTimeout=2000");

        Run run = run(env, "user", "list");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("laituri: cannot use the database at jdbc:mariadb://127.0.0.1:1/laituri"), run.err());
    }

    @Test
    void userAddPrintsATokenThatAuthenticatesThatUser() {
        Map<String, String> env = freshDatabaseEnv();

        Run run = run(env, "user", "add", "--name", "maija", "--role", "translator");

        assertEquals(0, run.exitCode(), run.err());
        String token = run.out().lines().filter(l -> l.startsWith("lt_")).findFirst().orElseThrow();
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", env.get("LAITURI_DB_URL"),
                "datasources.default.username", env.get("LAITURI_DB_USER"),
                "datasources.default.password", env.get("LAITURI_DB_PASSWORD")))) {
            Users.Account account = context.getBean(Users.class).authenticate(token).orElseThrow();
            assertEquals("maija", account.name());
            assertEquals("translator", account.role().code());
        }
    }

    @Test
    void userAddWithAnUnknownRoleFailsAndNamesTheRoles() {
        Run run = run(freshDatabaseEnv(), "user", "add", "--name", "x", "--role", "superuser");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("admin, editor, translator, publisher"), run.err());
    }

    @Test
    void importReportsBadFilesWithFileAndLineAndImportsTheRest(@TempDir Path dir) throws IOException {
        write(dir.resolve("articles/good/fi.md"), "---\ntitle: Hyvä\nstatus: draft\n---\n\nTeksti.\n");
        write(dir.resolve("articles/bad/fi.md"), "---\ntitle: Huono\nslug: ../etc\n---\n\nTeksti.\n");

        Run run = run(freshDatabaseEnv(), "import", dir.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(dir.resolve("articles/bad/fi.md") + ":3: slug"), run.err());
        assertTrue(run.out().contains("Imported: 1 created, 0 updated, 0 unchanged, 1 with problems"), run.out());
    }

    @Test
    void importingTheSameFolderTwiceReportsEverythingUnchanged(@TempDir Path dir) throws IOException {
        write(dir.resolve("articles/good/fi.md"), "---\ntitle: Hyvä\nstatus: draft\n---\n\nTeksti.\n");
        Map<String, String> env = freshDatabaseEnv();

        assertEquals(0, run(env, "import", dir.toString()).exitCode());
        Run second = run(env, "import", dir.toString());

        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("Imported: 0 created, 0 updated, 1 unchanged, 0 with problems"), second.out());
    }

    @Test
    void aStrictBuildWithABrokenLinkFailsAndLeavesNoSiteAndAPlainBuildWarns(@TempDir Path dir) throws IOException {
        write(dir.resolve("content/articles/linking/fi.md"),
                "---\ntitle: Linkittävä\nstatus: published\n---\n\nKatso [puuttuva](doc:missing).\n");
        Map<String, String> env = freshDatabaseEnv();
        assertEquals(0, run(env, "import", dir.resolve("content").toString()).exitCode());

        Run strict = run(env, "build", "--out", dir.resolve("site").toString(), "--strict");

        assertEquals(1, strict.exitCode());
        assertTrue(strict.err().contains("linking (fi), line 1: the link to doc:missing"), strict.err());
        assertTrue(Files.notExists(dir.resolve("site/current")));
        Run plain = run(env, "build", "--out", dir.resolve("site").toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.err().contains("warning: linking (fi), line 1"), plain.err());
        assertTrue(Files.exists(dir.resolve("site/current/fi/linkittava/index.html")));
    }

    @Test
    void aBuildFromAnEmptyDatabaseIsRefusedAndLeavesTheLiveSiteAsItWas(@TempDir Path dir) throws IOException {
        writeArticles(dir.resolve("content"), 30);
        Map<String, String> site = freshDatabaseEnv();
        assertEquals(0, run(site, "import", dir.resolve("content").toString()).exitCode());
        Path out = dir.resolve("site");
        assertEquals(0, run(site, "build", "--out", out.toString()).exitCode());
        Path live = out.resolve("current").toRealPath();

        Run wrong = run(freshDatabaseEnv(), "build", "--out", out.toString());

        assertEquals(1, wrong.exitCode(), wrong.err());
        assertEquals(1, wrong.errLines().size(), wrong.err());
        assertTrue(wrong.err().startsWith("laituri: this build would delete "), wrong.err());
        assertTrue(wrong.err().contains("--allow-shrink"), wrong.err());
        assertEquals(live, out.resolve("current").toRealPath(), "the live site is the one built before");
        assertTrue(Files.exists(out.resolve("current/fi/artikkeli-1/index.html")));
    }

    @Test
    void theLiveSiteIsCountedFromItsFilesWhenItsManifestIsGoneAndTheEmptyBuildIsStillRefused(@TempDir Path dir)
            throws IOException {
        writeArticles(dir.resolve("content"), 30);
        Map<String, String> site = freshDatabaseEnv();
        assertEquals(0, run(site, "import", dir.resolve("content").toString()).exitCode());
        Path out = dir.resolve("site");
        assertEquals(0, run(site, "build", "--out", out.toString()).exitCode());
        Path live = out.resolve("current").toRealPath();
        Run byManifest = run(freshDatabaseEnv(), "build", "--out", out.toString());
        // A build killed between the swap and its manifest leaves the live build without one.
        Files.delete(live.resolveSibling(live.getFileName() + ".manifest"));

        Run byFiles = run(freshDatabaseEnv(), "build", "--out", out.toString());

        assertEquals(1, byFiles.exitCode(), byFiles.err());
        assertTrue(byFiles.err().startsWith("laituri: this build would delete "), byFiles.err());
        assertEquals(byManifest.err(), byFiles.err(), "the live site's files counted alike from its manifest and its folder");
        assertEquals(live, out.resolve("current").toRealPath());
        assertTrue(Files.exists(out.resolve("current/fi/artikkeli-1/index.html")));
    }

    @Test
    void aBuildThatShrinksTheSiteIsPublishedWhenAllowed(@TempDir Path dir) throws IOException {
        writeArticles(dir.resolve("content"), 30);
        Map<String, String> site = freshDatabaseEnv();
        assertEquals(0, run(site, "import", dir.resolve("content").toString()).exitCode());
        Path out = dir.resolve("site");
        assertEquals(0, run(site, "build", "--out", out.toString()).exitCode());

        Run allowed = run(freshDatabaseEnv(), "build", "--out", out.toString(), "--allow-shrink");

        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(Files.notExists(out.resolve("current/fi/artikkeli-1/index.html")));
    }

    @Test
    void aBuildIntoAFolderThatCannotBeWrittenFailsInOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path out = file.resolve("site");

        Run run = run(freshDatabaseEnv(), "build", "--out", out.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("laituri: cannot write the site to " + out.toAbsolutePath()), run.err());
    }

    @Test
    void aFailureNoCommandExpectedIsOneLineWithoutAStackTrace(@TempDir Path dir) throws IOException {
        write(dir.resolve("content/articles/good/fi.md"), "---\ntitle: Hyvä\nstatus: draft\n---\n\nTeksti.\n");
        Map<String, String> env = freshDatabaseEnv();
        assertEquals(0, run(env, "import", dir.resolve("content").toString()).exitCode());
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        Run run = run(env, "export", file.resolve("content").toString());

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("laituri: "), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "demo", "import", "export", "user", "build"})
    void everyCommandExplainsItselfWithHelp(String command) {
        Run run = run(Map.of(), command, "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: laituri " + command), run.out());
    }

    /** {@code n} published articles in Finnish and Swedish, so that they are most of the site's files. */
    private static void writeArticles(Path content, int n) throws IOException {
        for (int i = 1; i <= n; i++) {
            write(content.resolve("articles/a" + i + "/fi.md"), "---\ntitle: Artikkeli " + i + "\nstatus: published\n---\n\nTeksti.\n");
            write(content.resolve("articles/a" + i + "/sv.md"), "---\ntitle: Artikel " + i + "\nstatus: published\n---\n\nText.\n");
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
