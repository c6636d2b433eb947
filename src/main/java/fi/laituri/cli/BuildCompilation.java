package fi.laituri.cli;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JIT's optimising compiler (C2) kept, in a site build's process, to the code that runs long enough for C2's work
 * on it to pay back. A cold build of 10,000 documents on two cores gave more than a third of its CPU to the JIT
 * compilers, C2 busy from the first second to the last, and the code it compiled for the start-up, the read from the
 * database and the search index (Lucene) ran for a few seconds each, while C2 took a core from the build. Such code
 * runs as C1 compiles it instead (full speed C1 code, without the profiling C2 would need), as a compiler directive
 * says; the pages' code (commonmark, Pebble, the JDK's strings, collections and files) still gets C2.
 *
 * <ul>
 *   <li>{@link #apply()}, at the process's start: start-up and read. Over four alternated pairs of cold builds of
 *   10,000 documents on the benchmark machine, with {@link #forFiles}: 17.8 s to 16.5 s, 3 s less CPU; at 100,000,
 *   no change (the pages 51.7 s and 51.9 s).</li>
 *   <li>{@link #forFiles(int)}, when the build knows how many files it has: the search index too, for a site of fewer
 *   than {@link #SMALL_SITE_FILES} files. At 10,000 documents (36,610 files) the index took 3.4 s instead of 4.4 s;
 *   at 100,000 (365,028 files), indexing for 27 s, C1's code made it 33 s instead.</li>
 * </ul>
 *
 * <p>A directive is added the way {@code jcmd <pid> Compiler.directives_add} adds it (HotSpot's diagnostic command,
 * through its platform MBean), so no JVM option is needed; it only changes which compiler compiles what, never what the
 * code does. Only a build's one-shot process adds them: a serving process runs for days, and everything it runs long
 * enough deserves C2. A JVM without the command (another vendor's, a runtime without {@code jdk.management}) builds
 * as before.
 */
final class BuildCompilation {

    /** Classes and packages in HotSpot's pattern syntax ({@code package/Class.method}, a {@code *} at either end). */
    static final List<String> START_UP = List.of(
            // the context, configuration, logging, class loading and the classes spun for lambdas
            "io/micronaut/*.*", "ch/qos/logback/*.*", "org/yaml/*.*", "com/fasterxml/*.*", "io/micrometer/*.*",
            "reactor/*.*", "picocli/*.*", "javax/management/*.*", "fi/laituri/web/*.*",
            "jdk/internal/org/objectweb/*.*", "java/lang/invoke/*.*", "jdk/internal/loader/*.*",
            "java/lang/ClassLoader.*", "java/security/SecureClassLoader.*", "java/util/jar/*.*", "java/util/zip/*.*",
            "jdk/nio/zipfs/*.*", "jdk/internal/jimage/*.*",
            // the read: the driver, the pool and the rows made into live versions
            "org/mariadb/*.*", "com/zaxxer/*.*", "java/sql/*.*", "java/util/GregorianCalendar.*",
            "sun/util/calendar/*.*", "fi/laituri/content/*.*");

    /** The search index, written after the pages. */
    static final List<String> SEARCH_INDEX = List.of("org/apache/lucene/*.*", "fi/laituri/search/*.*");

    /**
     * Sites with fewer files than this have their search index written by C1's code. Measured: better at 36,610
     * files, worse at 365,028; where the two cross is reckoned (from those two) to be near 90,000.
     */
    static final int SMALL_SITE_FILES = 60_000;

    /** Which directives this class has added, so that {@link #remove()} takes off those and no others. */
    private static boolean startUp;
    private static boolean searchIndex;

    private BuildCompilation() {
    }

    /** A directive in HotSpot's compiler directives format: no C2 for {@code patterns}. */
    static String directive(List<String> patterns) {
        return "[{ match: [" + patterns.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "))
                + "], c2: { Exclude: true } }]";
    }

    /** No C2 for the start-up's and the read's code, once; true when the directive is in place. */
    static synchronized boolean apply() {
        if (!startUp) {
            startUp = add(START_UP);
        }
        return startUp;
    }

    /**
     * For a build of {@code files} files: no C2 for the search index's code either, once, when the site is small
     * ({@link #SMALL_SITE_FILES}); true when that directive is in place.
     */
    static synchronized boolean forFiles(int files) {
        if (!searchIndex && files < SMALL_SITE_FILES) {
            searchIndex = add(SEARCH_INDEX);
        }
        return searchIndex;
    }

    /** Adds a directive; compilations from then on follow it, the few already done stand. */
    private static boolean add(List<String> patterns) {
        try {
            Path file = Files.createTempFile("laituri-build-compilation", ".json");
            try {
                Files.writeString(file, directive(patterns));
                return diagnosticCommand("compilerDirectivesAdd", file.toString()).startsWith("1 compiler directives added");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            // No such command here: the build compiles as any process does.
        }
        return false;
    }

    /** Takes off the directives this class added (the last one added comes off first). */
    static synchronized void remove() throws JMException {
        for (int added = (startUp ? 1 : 0) + (searchIndex ? 1 : 0); added > 0; added--) {
            diagnosticCommand("compilerDirectivesRemove");
        }
        startUp = false;
        searchIndex = false;
    }

    /** What HotSpot's diagnostic command {@code operation} (jcmd's name, in camel case) answers to {@code arguments}. */
    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        Object said = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
        return String.valueOf(said);
    }
}
