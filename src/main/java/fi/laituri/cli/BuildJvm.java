package fi.laituri.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM a site build runs in. A cold 10,000-document build on the 2-core benchmark machine gave C2, the JIT's
 * optimising compiler, 16-20 s of its 41-48 s of CPU, busy from the first second to the last while the pages waited
 * for it, and it loaded about 11,000 classes before its first page. Two JVM options answer that, and a plain
 * {@code java -jar laituri.jar build} has neither, so {@code build} starts itself once more, as a child JVM with the
 * same JVM options, class path and arguments plus these, and exits with the child's exit code:
 * <ul>
 *   <li><b>Less inlining</b> ({@link #COMPILE_OPTIONS}): C2 compiles methods with smaller callees inlined, so each
 *   compilation is quicker and the hot code is compiled sooner. Over four alternated cold builds each: 19.2 s against
 *   24.5 s, user CPU 33.9 s against 44.9 s, the pages 8.1 s against 12.7 s. Not for a large site.</li>
 *   <li><b>A class archive</b> (HotSpot's dynamic class-data-sharing archive, JEP 350): the application's classes
 *   mapped from a file instead of read, parsed and verified from the jar, the classes of its lambdas not generated
 *   anew. Over four alternated cold builds each: 22.6 s against 25.2 s.</li>
 * </ul>
 *
 * <p>The archive is kept per jar and Java (their paths, sizes and modification times name it) in
 * {@code class-archive} under the cache folder ({@code LAITURI_CACHE_DIR}, else {@code $XDG_CACHE_HOME/laituri},
 * else {@code ~/.cache/laituri}):
 * <ol>
 *   <li>a machine's first build with a jar notes that it ran ({@code KEY.seen}) and has no archive: in a CI job on a
 *   fresh machine, which never builds twice, writing one would only cost time;</li>
 *   <li>the second writes the archive as its JVM exits (3.5-6 s on that machine), tried by a JVM of its own before it
 *   is taken (a truncated one would crash every JVM that maps it);</li>
 *   <li>every later build maps it. The JVM checks it (its checksums, and that the jar is the one it was made from)
 *   and silently runs without it when it does not match; one of another size than it was taken with is deleted.</li>
 * </ol>
 *
 * <p>Neither changes what a build does. On a JVM other than HotSpot, with a class path that is not all jars (tests,
 * an IDE), when the JVM was started with class-data options of the user's own or with a debugger, JMX or an agent,
 * without a cache folder, or with {@code LAITURI_BUILD_JVM=off}, the build runs in this process as before. The child
 * ends itself when this process is gone (killed with {@code SIGKILL}, which no shutdown hook sees).
 */
public final class BuildJvm {

    /** Set on the child JVM: it builds, and never starts another. */
    static final String CHILD = "laituri.build-jvm.child";

    /**
     * The JIT's inlining for a build: callees of up to 50 bytecodes (not 325) inlined where they are called often, and
     * none already compiled to more than 500 bytes of code (not 2,500). Before the user's own options, which win. Only
     * for a site whose last build had fewer than {@link BuildCompilation#SMALL_SITE_FILES} files (or none): a build of
     * 100,000 documents (365,028 files) runs long enough for C2's larger compiles to pay back, and was slower with
     * these (149.1 s against 134.8 s, and 192.1 s against 150.1 s).
     */
    static final List<String> COMPILE_OPTIONS = List.of("-XX:FreqInlineSize=50", "-XX:InlineSmallCode=500");

    /**
     * JVM options after which the build stays in the JVM the user started: class data sharing of the user's own; a
     * debugger, JMX or an agent, which are meant for this JVM (a child would find their port taken, or be the one
     * not watched).
     */
    private static final List<String> OWN_OPTIONS = List.of("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-XX:SharedClassListFile", "-XX:+AutoCreateSharedArchive", "-XX:AOTCache", "-XX:AOTMode", "-XX:AOTConfiguration",
            "-XX:AOTCacheOutput", "-XX:-VerifySharedSpaces",
            "-agentlib", "-agentpath", "-javaagent", "-Xrunjdwp", "-Xdebug", "-Dcom.sun.management.jmxremote");

    private BuildJvm() {
    }

    /**
     * Runs {@code laituri build ARGS} in a child JVM, when this is such a build and it can; returns the child's exit
     * code, or nothing when the build is to run in this process.
     */
    public static OptionalInt buildInChild(String[] args) {
        if (args.length == 0 || !args[0].equals("build") || System.getProperty(CHILD) != null) {
            return OptionalInt.empty();
        }
        try {
            Optional<Child> child = child(args, System.getenv(), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty("java.class.path", ""));
            return child.isPresent() ? OptionalInt.of(child.get().run()) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            // No child to be had (a cache folder that cannot be written, a JVM without management): the build runs here.
            return OptionalInt.empty();
        }
    }

    /**
     * In a child JVM: ends it, as a kill would, when the process that started it is gone. The child holds the
     * build lock and a database connection that no one would be left to see through.
     */
    public static void endWithParent() {
        if (System.getProperty(CHILD) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
    }

    /** Where a build runs and what it does about the archive, as {@link #step} sees it before the build. */
    public enum Step {
        NONE("none: the build runs in the JVM it was started in"),
        FIRST("none yet: the machine's first build with this jar and Java notes that it ran"),
        WRITE("written by this build as its JVM exits"),
        MAP("mapped, as an earlier build wrote it"),
        DROP("not as it was taken: deleted, and this build runs without one");

        private final String said;

        Step(String said) {
            this.said = said;
        }

        /** In words, for a benchmark's output. */
        public String said() {
            return said;
        }
    }

    /** Where the archive of a jar and Java is kept, and its note. */
    private record Place(Path java, List<Path> jars, Path archive, Path seen) {
    }

    /** The archive's place for {@code classPath}; none when the build is to run in this process. */
    private static Optional<Place> place(Map<String, String> environment, List<String> jvmOptions, String classPath)
            throws IOException {
        if ("off".equalsIgnoreCase(environment.getOrDefault("LAITURI_BUILD_JVM", "").trim())
                || !System.getProperty("java.vm.name", "").contains("Server VM")
                || jvmOptions.stream().anyMatch(o -> OWN_OPTIONS.stream().anyMatch(o::startsWith))) {
            return Optional.empty();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Path> jars = jars(classPath);
        Optional<Path> cache = cacheFolder(environment);
        if (!Files.isExecutable(java) || jars.isEmpty() || cache.isEmpty()) {
            return Optional.empty();
        }
        Path folder = cache.get().resolve("class-archive");
        String key = key(jars);
        return Optional.of(new Place(java, jars, folder.resolve(key + ".jsa"), folder.resolve(key + ".seen")));
    }

    /**
     * Where a build on {@code classPath}, with {@code environment} and {@code jvmOptions}, runs and what it does about
     * the archive; changes nothing.
     */
    public static Step step(Map<String, String> environment, List<String> jvmOptions, String classPath) throws IOException {
        return step(place(environment, jvmOptions, classPath));
    }

    private static Step step(Optional<Place> place) throws IOException {
        if (place.isEmpty()) {
            return Step.NONE;
        }
        Path archive = place.get().archive();
        Path seen = place.get().seen();
        if (Files.isRegularFile(archive)) {
            // A JVM that maps a shorter archive than was written crashes (SIGBUS) before it could check it: the size
            // the archive was taken with is in the note.
            return Files.isRegularFile(seen) && Files.readString(seen).equals(taken(Files.size(archive))) ? Step.MAP : Step.DROP;
        }
        return Files.exists(seen) ? Step.WRITE : Step.FIRST;
    }

    /**
     * The child JVM to run for this build, if any: {@code environment}, {@code jvmOptions} and {@code classPath} are
     * this process's. Notes a first build, and deletes an archive that is not as it was taken.
     */
    static Optional<Child> child(String[] args, Map<String, String> environment, List<String> jvmOptions, String classPath)
            throws IOException {
        Optional<Place> placed = place(environment, jvmOptions, classPath);
        Step step = step(placed);
        if (step == Step.NONE) {
            return Optional.empty();
        }
        Place place = placed.orElseThrow();
        try {
            if (step == Step.FIRST) {
                Files.createDirectories(place.seen().getParent());
                Files.writeString(place.seen(), FIRST);
            } else if (step == Step.DROP) {
                Files.delete(place.archive());
            }
        } catch (IOException e) {
            // A cache folder that cannot be written: no note, so never an archive, but the child all the same.
            step = Step.FIRST;
        }
        List<String> command = new ArrayList<>();
        command.add(place.java().toString());
        if (liveFiles(out(args)) < BuildCompilation.SMALL_SITE_FILES) {
            command.addAll(COMPILE_OPTIONS);
        }
        // The archive's own warnings (one that does not match, classes it leaves out) would go to the build's output.
        command.addAll(List.of("-Xshare:auto", "-XX:+VerifySharedSpaces", "-Xlog:cds*=off"));
        command.addAll(jvmOptions);
        command.add("-D" + CHILD + "=true");
        Path making = null;
        if (step == Step.MAP) {
            command.add("-XX:SharedArchiveFile=" + place.archive());
        } else if (step == Step.WRITE) {
            String name = place.archive().getFileName().toString().replace(".jsa", "");
            making = place.archive().resolveSibling(name + "." + ProcessHandle.current().pid() + ".tmp");
            command.add("-XX:ArchiveClassesAtExit=" + making);
        }
        // Started as java -jar, the child is too, so that the jar's manifest applies to it alike (on Java 22 and later
        // its Enable-Native-Access, without which Lucene's native calls print a warning to every build).
        if (place.jars().size() == 1 && System.getProperty("sun.java.command", "").startsWith(classPath + " ")) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "fi.laituri.Laituri"));
        }
        command.addAll(List.of(args));
        return Optional.of(new Child(command, place.java(), classPath, making, place.archive(), place.seen()));
    }

    /** The folder {@code build ARGS} writes to: its {@code --out}, else {@code site} (as {@link BuildCommand} has it). */
    static Path out(String[] args) {
        String out = "site";
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = args[++i];
            } else if (args[i].startsWith("--out=")) {
                out = args[i].substring("--out=".length());
            }
        }
        return Path.of(out);
    }

    /**
     * How many files the site in {@code out} had at its last build, counted up to {@link BuildCompilation#SMALL_SITE_FILES}
     * (the lines of its newest base manifest, one a file); 0 for a folder with none.
     */
    static int liveFiles(Path out) {
        Path builds = out.resolve("builds");
        if (!Files.isDirectory(builds)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(builds)) {
            Optional<Path> base = files.filter(f -> f.getFileName().toString().startsWith("base-")
                    && f.getFileName().toString().endsWith(".manifest")).max(java.util.Comparator.comparing(f -> {
                        try {
                            return Files.getLastModifiedTime(f);
                        } catch (IOException e) {
                            return java.nio.file.attribute.FileTime.fromMillis(0);
                        }
                    }));
            if (base.isEmpty()) {
                return 0;
            }
            int lines = 0;
            byte[] buffer = new byte[1 << 16];
            try (java.io.InputStream in = Files.newInputStream(base.get())) {
                for (int n = in.read(buffer); n >= 0 && lines < BuildCompilation.SMALL_SITE_FILES; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            return Math.min(lines, BuildCompilation.SMALL_SITE_FILES);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** What the note of a first build says. */
    static final String FIRST = "a build with this jar and Java ran on this machine\n";

    /** What the note says once an archive of {@code size} bytes was taken. */
    static String taken(long size) {
        return "archive taken: " + size + " bytes\n";
    }

    /** The class path's entries when every one is a jar file (the only kind an archive can hold classes of). */
    static List<Path> jars(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.isRegularFile(path) || !entry.endsWith(".jar")) {
                return List.of();
            }
            entries.add(path);
        }
        return entries;
    }

    /** {@code LAITURI_CACHE_DIR}, else the user's cache folder's {@code laituri} (XDG's, else {@code ~/.cache}). */
    static Optional<Path> cacheFolder(Map<String, String> environment) {
        String set = environment.getOrDefault("LAITURI_CACHE_DIR", "");
        if (!set.isBlank()) {
            return Optional.of(Path.of(set).toAbsolutePath());
        }
        String xdg = environment.getOrDefault("XDG_CACHE_HOME", "");
        if (!xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "laituri"));
        }
        // $HOME as the shell has it (Java's user.home is the account's, whatever HOME says), else the account's.
        String home = environment.getOrDefault("HOME", "");
        if (home.isBlank() || !Path.of(home).isAbsolute()) {
            home = System.getProperty("user.home", "");
        }
        return home.isBlank() || home.equals("?") ? Optional.empty() : Optional.of(Path.of(home, ".cache", "laituri"));
    }

    /** The archive's name: what it was made from, the Java and every jar (path, size, time). */
    static String key(List<Path> classPath) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder of = new StringBuilder(System.getProperty("java.home")).append('\n')
                    .append(System.getProperty("java.vm.version")).append('\n');
            for (Path jar : classPath) {
                of.append(jar).append('\n').append(Files.size(jar)).append('\n')
                        .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
            }
            return HexFormat.of().formatHex(digest.digest(of.toString().getBytes(StandardCharsets.UTF_8)), 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A child JVM to run; {@code making} is the archive it writes as it exits, to be tried and taken as
     * {@code archive} (and noted in {@code seen}), or null.
     */
    record Child(List<String> command, Path java, String classPath, Path making, Path archive, Path seen) {

        /** Runs it with this process's input and output, and returns its exit code. */
        int run() throws IOException {
            Process process = new ProcessBuilder(command).inheritIO().start();
            // Stopped (Ctrl-C, SIGTERM): the child is stopped too, and this process waits for it to finish stopping.
            Thread stop = new Thread(() -> {
                process.destroy();
                try {
                    process.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(stop);
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = 1;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // already shutting down: the hook has done its part
            }
            if (making != null) {
                take(exit == 0);
            }
            return exit;
        }

        /** Takes the archive the child wrote, after one JVM has mapped it; drops it (and those of other jars) otherwise. */
        void take(boolean built) {
            try {
                if (built && Files.isRegularFile(making) && Files.size(making) > 0 && maps(making)) {
                    Files.writeString(seen, taken(Files.size(making)));
                    Files.move(making, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    String key = archive.getFileName().toString().replace(".jsa", "");
                    try (Stream<Path> files = Files.list(archive.getParent())) {
                        for (Path other : files.toList()) {
                            String name = other.getFileName().toString();
                            boolean old = !name.startsWith(key + ".") && (name.endsWith(".jsa") || name.endsWith(".seen"));
                            boolean stale = name.endsWith(".tmp") && Files.getLastModifiedTime(other).toMillis()
                                    < System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
                            if (old || stale) {
                                Files.deleteIfExists(other);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // No archive this time: the next build makes one again.
            } finally {
                try {
                    Files.deleteIfExists(making);
                } catch (IOException e) {
                    // left for a later build to clear (a day old)
                }
            }
        }

        /** Whether a JVM starts with {@code file} as its archive, which it must use ({@code -Xshare:on}). */
        boolean maps(Path file) throws IOException {
            // Where the JVM would write its crash report, here rather than in the user's working folder.
            Path crash = file.resolveSibling(file.getFileName() + ".crash.log");
            try {
                Process check = new ProcessBuilder(java.toString(), "-Xshare:on", "-XX:+VerifySharedSpaces",
                        "-XX:SharedArchiveFile=" + file, "-XX:ErrorFile=" + crash, "-cp", classPath,
                        "-version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!check.waitFor(60, TimeUnit.SECONDS)) {
                    check.destroyForcibly();
                    return false;
                }
                return check.exitValue() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                Files.deleteIfExists(crash);
            }
        }
    }
}
