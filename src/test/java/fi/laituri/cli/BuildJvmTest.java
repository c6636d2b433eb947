package fi.laituri.cli;

import fi.laituri.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildJvmTest {

    private static final String[] BUILD = {"build", "--out", "site"};

    /**
     * Every build on jars runs in a child with the compile options: a machine's first notes itself, the second writes
     * the archive, and once one is taken, later ones map it. The child gets the compile options, then this JVM's
     * options (which win), the class path and the arguments, in that order.
     */
    @Test
    void theFirstBuildIsNotedTheSecondWritesTheArchiveLaterOnesMapIt(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("laituri.jar")).toString();
        Map<String, String> env = Map.of("LAITURI_CACHE_DIR", dir.resolve("cache").toString());
        Path folder = dir.resolve("cache").resolve("class-archive");

        assertEquals(BuildJvm.Step.FIRST, BuildJvm.step(env, List.of("-Xmx1g"), jar));
        BuildJvm.Child first = BuildJvm.child(BUILD, env, List.of("-Xmx1g", "-XX:FreqInlineSize=80"), jar).orElseThrow();
        assertEquals(null, first.making());
        assertFalse(first.command().stream().anyMatch(c -> c.startsWith("-XX:SharedArchiveFile") || c.startsWith("-XX:ArchiveClassesAtExit")),
                first.command().toString());
        for (String option : BuildJvm.COMPILE_OPTIONS) {
            assertTrue(first.command().indexOf(option) > 0, option);
        }
        assertTrue(first.command().indexOf("-XX:FreqInlineSize=50") < first.command().indexOf("-XX:FreqInlineSize=80"),
                "the user's own option comes later, and wins: " + first.command());
        assertEquals(BuildJvm.Step.WRITE, BuildJvm.step(env, List.of("-Xmx1g"), jar));
        List<Path> notes = list(folder);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).toString().endsWith(".seen"));
        assertEquals(BuildJvm.FIRST, Files.readString(notes.get(0)));

        BuildJvm.Child second = BuildJvm.child(BUILD, env, List.of("-Xmx1g"), jar).orElseThrow();
        List<String> command = second.command();
        assertTrue(second.making() != null && command.contains("-XX:ArchiveClassesAtExit=" + second.making()), command.toString());
        assertTrue(second.making().startsWith(folder));
        assertFalse(command.stream().anyMatch(c -> c.startsWith("-XX:SharedArchiveFile")), command.toString());
        assertEquals(List.of("-cp", jar, "fi.laituri.Laituri", "build", "--out", "site"),
                command.subList(command.size() - 6, command.size()));
        int heap = command.indexOf("-Xmx1g");
        assertTrue(heap > 0 && heap < command.indexOf("-cp"), command.toString());
        assertTrue(command.contains("-D" + BuildJvm.CHILD + "=true"), command.toString());

        // As the parent takes a written archive: noted with its size, then moved in place.
        Files.writeString(second.making(), "archive");
        Files.writeString(second.seen(), BuildJvm.taken(Files.size(second.making())));
        Files.move(second.making(), second.archive());
        assertEquals(BuildJvm.Step.MAP, BuildJvm.step(env, List.of(), jar));
        BuildJvm.Child third = BuildJvm.child(BUILD, env, List.of(), jar).orElseThrow();
        assertTrue(third.command().contains("-XX:SharedArchiveFile=" + second.archive()), third.command().toString());
        assertEquals(null, third.making());
    }

    /** An archive that is not as it was taken (shorter: a JVM mapping it would crash) is deleted, and the build runs without. */
    @Test
    void anArchiveOfAnotherSizeThanTakenIsDropped(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("laituri.jar")).toString();
        Map<String, String> env = Map.of("LAITURI_CACHE_DIR", dir.resolve("cache").toString());
        BuildJvm.child(BUILD, env, List.of(), jar);
        BuildJvm.Child second = BuildJvm.child(BUILD, env, List.of(), jar).orElseThrow();
        Files.writeString(second.archive(), "truncated");
        Files.writeString(second.seen(), BuildJvm.taken(1_000_000));
        assertEquals(BuildJvm.Step.DROP, BuildJvm.step(env, List.of(), jar));
        BuildJvm.Child without = BuildJvm.child(BUILD, env, List.of(), jar).orElseThrow();
        assertFalse(without.command().stream().anyMatch(c -> c.startsWith("-XX:SharedArchiveFile")), without.command().toString());
        assertFalse(Files.exists(second.archive()));
        // The next build writes a new one.
        assertTrue(BuildJvm.child(BUILD, env, List.of(), jar).orElseThrow().making() != null);
    }

    /**
     * The compile options are for a site whose last build (its newest base manifest, a line a file) had fewer than
     * 60,000 files, or none; a large one keeps the JIT's own inlining. The folder is the build's --out.
     */
    @Test
    void aLargeSiteKeepsTheJitsOwnInlining(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("laituri.jar")).toString();
        Map<String, String> env = Map.of("LAITURI_CACHE_DIR", dir.resolve("cache").toString());
        Path small = Files.createDirectories(dir.resolve("small").resolve("builds"));
        Files.writeString(small.resolve("base-1.manifest"), "a line\n".repeat(59_999));
        Path large = Files.createDirectories(dir.resolve("large").resolve("builds"));
        Files.writeString(large.resolve("base-2.manifest"), "a line\n".repeat(60_000));
        assertEquals(Path.of("site"), BuildJvm.out(new String[] {"build"}));
        assertEquals(Path.of("x"), BuildJvm.out(new String[] {"build", "--strict", "--out=x"}));
        for (String out : List.of(dir.resolve("small").toString(), dir.resolve("none").toString())) {
            List<String> command = BuildJvm.child(new String[] {"build", "--out", out}, env, List.of(), jar).orElseThrow().command();
            assertTrue(command.containsAll(BuildJvm.COMPILE_OPTIONS), out + ": " + command);
        }
        List<String> command = BuildJvm.child(new String[] {"build", "--out=" + dir.resolve("large")}, env, List.of(), jar)
                .orElseThrow().command();
        assertFalse(command.stream().anyMatch(BuildJvm.COMPILE_OPTIONS::contains), command.toString());
    }

    /** A cache folder that cannot be written: a child with the compile options, without the archive. */
    @Test
    void aCacheFolderThatCannotBeWrittenStillGivesTheChild(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("laituri.jar")).toString();
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        BuildJvm.Child child = BuildJvm.child(BUILD, Map.of("LAITURI_CACHE_DIR", file.toString()), List.of(), jar).orElseThrow();
        assertEquals(null, child.making());
        assertTrue(child.command().containsAll(BuildJvm.COMPILE_OPTIONS), child.command().toString());
        assertFalse(child.command().stream().anyMatch(c -> c.startsWith("-XX:SharedArchiveFile")), child.command().toString());
    }

    /**
     * No child for another command, with LAITURI_BUILD_JVM=off, when the JVM was given class-data options of the
     * user's own or a debugger, an agent or JMX (meant for the JVM the user started), or for a class path with a folder
     * on it (tests, an IDE): an archive holds classes from jars only.
     */
    @Test
    void otherwiseTheBuildRunsInItsOwnProcess(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("laituri.jar")).toString();
        Map<String, String> env = new HashMap<>(Map.of("LAITURI_CACHE_DIR", dir.resolve("cache").toString()));
        assertTrue(BuildJvm.child(BUILD, env, List.of(), jar).isPresent(), "a build on jars has a child");

        assertTrue(BuildJvm.buildInChild(new String[] {"serve"}).isEmpty());
        assertTrue(BuildJvm.buildInChild(new String[0]).isEmpty());
        assertEquals(Optional.empty(), BuildJvm.child(BUILD, env, List.of("-Xshare:off"), jar));
        assertEquals(Optional.empty(), BuildJvm.child(BUILD, env, List.of("-XX:SharedArchiveFile=/x.jsa"), jar));
        assertEquals(Optional.empty(), BuildJvm.child(BUILD, env, List.of(), jar + File.pathSeparator + dir));
        for (String meantForThisJvm : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=127.0.0.1:5005",
                "-javaagent:/opt/agent.jar", "-agentpath:/opt/libasyncProfiler.so=start", "-Dcom.sun.management.jmxremote.port=9010")) {
            assertEquals(Optional.empty(), BuildJvm.child(BUILD, env, List.of("-Xmx1g", meantForThisJvm), jar), meantForThisJvm);
        }
        env.put("LAITURI_BUILD_JVM", "off");
        assertEquals(Optional.empty(), BuildJvm.child(BUILD, env, List.of(), jar));
        assertEquals(BuildJvm.Step.NONE, BuildJvm.step(env, List.of(), jar));
    }

    /** The cache folder: LAITURI_CACHE_DIR, else XDG's cache folder, else the cache folder in $HOME. */
    @Test
    void theCacheFolderIsTheOneSetElseTheUsersOwn() {
        assertEquals(Optional.of(Path.of("/srv/cache")), BuildJvm.cacheFolder(Map.of("LAITURI_CACHE_DIR", "/srv/cache",
                "XDG_CACHE_HOME", "/home/a/.xdg", "HOME", "/home/a")));
        assertEquals(Optional.of(Path.of("/home/a/.xdg/laituri")), BuildJvm.cacheFolder(Map.of("XDG_CACHE_HOME", "/home/a/.xdg",
                "HOME", "/home/a")));
        assertEquals(Optional.of(Path.of("/home/a/.cache/laituri")), BuildJvm.cacheFolder(Map.of("HOME", "/home/a")));
        assertEquals(Optional.of(Path.of(System.getProperty("user.home"), ".cache", "laituri")), BuildJvm.cacheFolder(Map.of()));
    }

    /**
     * {@code laituri build} run on jars, as {@code java -jar laituri.jar build} is: the first build, the second
     * (which writes the archive) and the third (whose child maps the application's classes from it) each build the
     * site and print nothing on standard error; the child's exit code is the command's; an archive cut short is
     * deleted and the build still runs.
     */
    @Test
    void buildsOnJarsWriteTheArchiveAndMapIt(@TempDir Path dir) throws Exception {
        String classPath = jarClassPath(dir);
        Path cache = dir.resolve("cache");
        Path folder = cache.resolve("class-archive");
        String database = TestDatabase.newDatabase();
        try {
            Map<String, String> env = new HashMap<>(new ServiceClient("class-archive-token-0123456789abcdef").environment(database));
            env.put("LAITURI_CACHE_DIR", cache.toString());

            build(dir, "first", classPath, List.of(), env);
            assertEquals(List.of(".seen"), suffixes(folder));

            build(dir, "second", classPath, List.of(), env);
            assertEquals(List.of(".jsa", ".seen"), suffixes(folder), "the archive taken, nothing else left behind");
            Path archive = list(folder).stream().filter(p -> p.toString().endsWith(".jsa")).findFirst().orElseThrow();

            Path logs = Files.createDirectories(dir.resolve("class-load"));
            build(dir, "third", classPath, List.of("-Xlog:class+load=info:file=" + logs.resolve("%p.log")), env);
            List<Path> loaded = list(logs);
            assertEquals(2, loaded.size(), "the command's JVM and its child: " + loaded);
            assertTrue(loaded.stream().anyMatch(log -> read(log).contains("fi.laituri.site.SiteBuilder source: shared objects file (top)")),
                    "the child maps the build's classes from the archive");

            Path work = Files.createDirectories(dir.resolve("wrong"));
            try (LaituriProcess wrong = LaituriProcess.startOn(classPath, List.of(), work, env, "build", "--no-such-option")) {
                assertEquals(2, wrong.awaitExit(Duration.ofMinutes(2)), wrong.out() + wrong.err());
                assertTrue(wrong.err().contains("--no-such-option"), wrong.err());
            }

            try (var file = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
                file.truncate(Files.size(archive) / 2);
            }
            build(dir, "cut", classPath, List.of(), env);
            assertFalse(Files.exists(archive), "the archive cut short is deleted");
        } finally {
            TestDatabase.drop(database);
        }
    }

    /** The child holds the build lock: killed with its parent (SIGKILL, which no shutdown hook sees), it ends too. */
    @Test
    void theChildEndsWhenTheCommandIsKilled(@TempDir Path dir) throws Exception {
        String classPath = jarClassPath(dir);
        Path cache = dir.resolve("cache");
        String database = TestDatabase.newDatabase();
        try {
            Map<String, String> env = new HashMap<>(new ServiceClient("class-archive-token-0123456789abcdef").environment(database));
            env.put("LAITURI_CACHE_DIR", cache.toString());
            Path marker = dir.resolve("reached");
            Path work = Files.createDirectories(dir.resolve("killed"));
            try (LaituriProcess build = LaituriProcess.startOn(classPath, List.of("-Dlaituri.test.pause-at=before-files",
                    "-Dlaituri.test.pause-marker=" + marker), work, env, BUILD)) {
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (!Files.exists(marker) && System.nanoTime() < deadline && build.handle().isAlive()) {
                    Thread.sleep(50);
                }
                assertTrue(Files.exists(marker), "the child reached the pause: " + build.out() + build.err());
                List<ProcessHandle> children = build.handle().children().toList();
                assertEquals(1, children.size(), children.toString());
                build.kill();
                assertTrue(children.get(0).onExit().get(1, java.util.concurrent.TimeUnit.MINUTES) != null);
                assertFalse(children.get(0).isAlive());
            }
        } finally {
            TestDatabase.drop(database);
        }
    }

    private static void build(Path dir, String name, String classPath, List<String> jvmOptions, Map<String, String> env)
            throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        try (LaituriProcess build = LaituriProcess.startOn(classPath, jvmOptions, work, env, BUILD)) {
            assertEquals(0, build.awaitExit(Duration.ofMinutes(3)), name + ": " + build.out() + build.err());
            assertTrue(build.out().contains("Built "), name + ": " + build.out());
            assertEquals(List.of(), build.errLines(), name);
        }
    }

    /** The application's classes as a jar, and the jars of the test's class path: a class path of jars only. */
    private static String jarClassPath(Path dir) throws Exception {
        Path classes = Path.of(BuildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("laituri.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> walk = Files.walk(classes)) {
            // Folders as entries too, as Maven writes them: Micronaut and Flyway list what is in a folder of a jar.
            for (Path file : walk.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
                boolean folder = Files.isDirectory(file);
                zip.putNextEntry(new JarEntry(folder ? name + "/" : name));
                if (!folder) {
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static List<String> suffixes(Path folder) throws IOException {
        return list(folder).stream().map(p -> p.getFileName().toString().replaceAll("^[^.]*", "")).sorted().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
