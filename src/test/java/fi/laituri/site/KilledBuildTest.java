package fi.laituri.site;

import fi.laituri.BuildPause;
import fi.laituri.DatabaseTest;
import fi.laituri.FileTrees;
import fi.laituri.TestDatabase;
import fi.laituri.bench.CorpusWriter;
import fi.laituri.bench.SyntheticCorpus;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A build killed with SIGKILL at each point of its pipeline ({@link BuildPause} stops the build process there):
 * until the swap the live site is exactly the previous build, from the swap on exactly the new one, and the next
 * build succeeds and gives the new one.
 */
@MicronautTest(transactional = false)
class KilledBuildTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());
    private static final long DEADLINE_SECONDS = 180;

    @Inject
    SiteBuilder builder;

    @Inject
    CorpusWriter corpus;

    @Inject
    Documents content;

    @Inject
    Transitions transitions;

    @Value("${datasources.default.url}")
    String databaseUrl;

    private Path dir;
    private Map<String, String> before;
    private Map<String, String> after;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    /** The site built before a new article is published, and the site as it is once that is built. */
    @BeforeAll
    void twoSites() throws IOException {
        dir = Files.createTempDirectory("laituri-killed-");
        corpus.write(SyntheticCorpus.documents(40, 3));
        builder.build(dir.resolve("before"));
        before = files(dir.resolve("before"));

        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", "Uutinen kesken rakennusta", null, null, "Teksti.", null, null, null))), EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
        builder.build(dir.resolve("after"));
        after = files(dir.resolve("after"));
    }

    @AfterAll
    void removeSites() throws IOException {
        FileTrees.delete(dir);
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"before-files", "mid-files", "before-swap", "swap"})
    void aBuildKilledBeforeItsSwapLeavesThePreviousSiteLiveAndTheNextBuildSucceeds(String point) throws Exception {
        Path site = killedAt(point);

        assertLive(before, site, point);
        builder.build(site);
        assertEquals(after, files(site));
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"swapped", "indexing"})
    void aBuildKilledAfterItsSwapLeavesTheNewSiteLiveAndTheNextBuildSucceeds(String point) throws Exception {
        Path site = killedAt(point);

        assertLive(after, site, point);
        builder.build(site);
        assertEquals(after, files(site));
    }

    /**
     * A copy of the site as it was before the article, on which {@code laituri build} ran in a process of its own
     * until it reached {@code point} and was killed there with SIGKILL.
     */
    private Path killedAt(String point) throws Exception {
        Path site = dir.resolve(point);
        copy(dir.resolve("before"), site);
        Path marker = dir.resolve(point + ".reached");
        Path log = dir.resolve(point + ".log");
        Process build = start(site, point, marker, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.exists(marker)) {
            if (!build.isAlive()) {
                fail("the build ended (exit code " + build.exitValue() + ") without reaching " + point + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                build.destroyForcibly().waitFor();
                fail("the build did not reach " + point + " within " + DEADLINE_SECONDS + " s:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        // destroyForcibly is SIGKILL: no shutdown hook, no finally block of the build runs.
        build.destroyForcibly();
        assertTrue(build.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "the killed build did not end");
        return site;
    }

    private Process start(Path site, String point, Path marker, Path log) throws IOException {
        // C1 alone: a short-lived build spends less of a busy machine compiling itself.
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-Dlaituri.test.pause-at=" + point,
                "-Dlaituri.test.pause-marker=" + marker, "-cp", System.getProperty("java.class.path"),
                "fi.laituri.Laituri", "build", "--out", site.toString());
        pb.environment().putAll(TestDatabase.processEnvironment(TestDatabase.nameIn(databaseUrl)));
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void assertLive(Map<String, String> expected, Path site, String point) throws IOException {
        Map<String, String> live = files(site);
        assertTrue(live.equals(expected), "killed at " + point + ", the live site is not the expected build whole: "
                + difference(expected, live));
    }

    /** Copies a site folder as it is, its links as links. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The live site's files and a hash of each, following the {@code current} link. */
    private static Map<String, String> files(Path site) throws IOException {
        Path root = site.resolve("current").toRealPath();
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Integer.toHexString(Arrays.hashCode(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    private static String difference(Map<String, String> expected, Map<String, String> actual) {
        long missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
        long extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        long changed = expected.keySet().stream().filter(k -> actual.containsKey(k) && !actual.get(k).equals(expected.get(k))).count();
        return missing + " missing, " + extra + " extra, " + changed + " different";
    }
}
