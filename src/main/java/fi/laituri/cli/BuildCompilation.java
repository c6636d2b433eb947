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
 * The JIT's optimising compiler (C2) kept, in a site build's process, to the code that runs for most of the build:
 * rendering the pages. A cold build of 10,000 documents on two cores gave more than a third of its CPU to the JIT
 * compilers, C2 busy from the first second to the last, and the code it compiled for the start-up, the read from the
 * database and the search index (Lucene) ran for a few seconds each: too short for C2's work on it to pay back while
 * it took a core from the build. Those run as C1 compiles them instead (full speed C1 code, without the profiling that
 * C2 would need), as a compiler directive says; the pages' code, commonmark, Pebble, the JDK's strings, collections
 * and files, still gets C2. Over four alternated pairs of cold builds on the benchmark machine: 17.8 s to 16.5 s, the
 * search index 4.4 s to 3.4 s, 3 s less CPU.
 *
 * <p>The directive is added the way {@code jcmd <pid> Compiler.directives_add} adds it (HotSpot's diagnostic command,
 * through its platform MBean), so no JVM option is needed; it only changes which compiler compiles what, never what the
 * code does. Only a build's one-shot process adds it: a serving process runs for days, and everything it runs long
 * enough deserves C2. A JVM without the command (another vendor's, a runtime without {@code jdk.management}) builds
 * as before.
 */
final class BuildCompilation {

    /** Classes and packages in HotSpot's pattern syntax ({@code package/Class.method}, a {@code *} at either end). */
    static final List<String> WITHOUT_C2 = List.of(
            // the search index, written after the pages: about 4 s at 10,000 documents
            "org/apache/lucene/*.*", "fi/laituri/search/*.*",
            // start-up: the context, configuration, logging, class loading and the classes spun for lambdas
            "io/micronaut/*.*", "ch/qos/logback/*.*", "org/yaml/*.*", "com/fasterxml/*.*", "io/micrometer/*.*",
            "reactor/*.*", "picocli/*.*", "javax/management/*.*", "fi/laituri/web/*.*",
            "jdk/internal/org/objectweb/*.*", "java/lang/invoke/*.*", "jdk/internal/loader/*.*",
            "java/lang/ClassLoader.*", "java/security/SecureClassLoader.*", "java/util/jar/*.*", "java/util/zip/*.*",
            "jdk/nio/zipfs/*.*", "jdk/internal/jimage/*.*",
            // the read: the driver, the pool and the rows made into live versions
            "org/mariadb/*.*", "com/zaxxer/*.*", "java/sql/*.*", "java/util/GregorianCalendar.*",
            "sun/util/calendar/*.*", "fi/laituri/content/*.*");

    private static volatile boolean added;

    private BuildCompilation() {
    }

    /** The directive, in HotSpot's compiler directives format. */
    static String directive() {
        return "[{ match: [" + WITHOUT_C2.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "))
                + "], c2: { Exclude: true } }]";
    }

    /**
     * Adds the directive to this JVM's, once; true when it is in place. Compilations from then on follow it; the few
     * already done stand.
     */
    static synchronized boolean apply() {
        if (added) {
            return true;
        }
        try {
            Path file = Files.createTempFile("laituri-build-compilation", ".json");
            try {
                Files.writeString(file, directive());
                String said = diagnosticCommand("compilerDirectivesAdd", file.toString());
                added = said.startsWith("1 compiler directives added");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            // No such command here: the build compiles as any process does.
        }
        return added;
    }

    /** Takes the directive off again (the last one added comes off first), when {@link #apply()} put it on. */
    static synchronized void remove() throws JMException {
        if (added) {
            diagnosticCommand("compilerDirectivesRemove");
            added = false;
        }
    }

    /** What HotSpot's diagnostic command {@code operation} (jcmd's name, in camel case) answers to {@code arguments}. */
    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        Object said = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
        return String.valueOf(said);
    }
}
