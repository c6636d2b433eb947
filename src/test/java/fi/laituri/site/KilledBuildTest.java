package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.TestDatabase;
import fi.laituri.bench.CorpusWriter;
import fi.laituri.bench.SyntheticCorpus;
import fi.laituri.content.Api;
import fi.laituri.content.ContentService;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build killed with SIGKILL at a random moment, several times over: the live site stays whole (exactly
 * the previous build, or exactly the new one if the build got that far), and the next build succeeds.
 */
@MicronautTest(transactional = false)
class KilledBuildTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    CorpusWriter corpus;

    @Inject
    ContentService content;

    @Inject
    Transitions transitions;

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @Test
    void aBuildKilledAtAnyMomentLeavesTheLiveSiteWholeAndTheNextBuildSucceeds(@TempDir Path dir) throws Exception {
        corpus.write(SyntheticCorpus.documents(400, 3));
        Path site = dir.resolve("site");
        builder.build(site);
        Map<String, String> before = files(site);

        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", "Uutinen kesken rakennusta", null, null, "Teksti.", null, null, null))), EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
        builder.build(dir.resolve("expected"));
        Map<String, String> after = files(dir.resolve("expected"));

        Random random = new Random(11);
        int killed = 0;
        for (int run = 0; run < 3; run++) {
            Path log = dir.resolve("build-" + run + ".log");
            Process build = start(site, log);
            // Kill it once it is building (its first progress line), at a random point of the build.
            while (build.isAlive() && !(Files.exists(log) && Files.readString(log).contains("building:"))) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(1500));
            if (build.isAlive()) {
                build.destroyForcibly().waitFor();
                killed++;
            }
            Map<String, String> live = files(site);
            assertTrue(live.equals(before) || live.equals(after),
                    "run " + run + ": the live site is neither the old build nor the new one whole: "
                            + difference(before, live) + " / " + difference(after, live));
        }
        assertTrue(killed > 0, "no build was killed midway; each finished before its kill");

        builder.build(site);
        assertEquals(after, files(site));
    }

    private Process start(Path site, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "fi.laituri.Laituri", "build", "--out", site.toString());
        pb.environment().put("LAITURI_DB_URL", databaseUrl);
        pb.environment().put("LAITURI_DB_USER", TestDatabase.user());
        pb.environment().put("LAITURI_DB_PASSWORD", TestDatabase.password());
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
