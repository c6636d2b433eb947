package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.bench.CorpusWriter;
import fi.laituri.bench.SyntheticCorpus;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site manifest as base + delta in real builds: a build after one publish writes a slot manifest far smaller
 * than its base, which read afresh lists exactly the live build's files; a damaged delta is reported and the build
 * after it renders every file afresh; a lost base is reported to a reader that has not cached the manifest.
 */
@MicronautTest(transactional = false)
class ManifestDeltaBuildTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    CorpusWriter corpus;

    @Inject
    Documents content;

    @Inject
    Transitions transitions;

    @Inject
    MeterRegistry meters;

    @TempDir
    Path dir;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void corpus() {
        corpus.write(SyntheticCorpus.documents(40, 3));
    }

    @Test
    void aBuildAfterOnePublishWritesASlotManifestFarSmallerThanItsBaseThatListsTheLiveFiles() throws IOException {
        Path site = dir.resolve("site");
        builder.build(site);
        String before = Manifest.Delta.baseOf(manifestOf(builder.build(site).live()));
        publish("Pieni muutos " + System.nanoTime());

        BuildReport report = builder.build(site);

        assertTrue(report.written().size() > 0, "the publish was built");
        Path slot = manifestOf(report.live());
        assertEquals(before, Manifest.Delta.baseOf(slot), "the delta is written against the live build's base");
        assertTrue(Manifest.Delta.read(slot).changed().size() >= report.written().size(), "the delta holds the change");
        Path base = report.live().resolveSibling(before);
        assertTrue(Files.size(slot) * 10 < Files.size(base), "the slot manifest is " + Files.size(slot)
                + " bytes, its base " + Files.size(base));
        assertEquals(files(report.live()), new TreeSet<>(new SiteWriter(new SimpleMeterRegistry()).files(report.live()).orElseThrow()),
                "read afresh, the manifest lists the live build's files");
    }

    @Test
    void aDamagedDeltaIsReportedAndTheBuildAfterItRendersEveryFile() throws IOException {
        Path site = dir.resolve("damaged");
        builder.build(site);
        Path slot = manifestOf(builder.build(site).live());
        String text = Files.readString(slot, StandardCharsets.UTF_8);
        Files.writeString(slot, text.replace("\nend\n", "\nbroken\tline\nend\n"), StandardCharsets.UTF_8);

        assertRendersAfresh(site);
    }

    /**
     * Another process (a writer with nothing cached) cannot read a delta whose base is lost, and says so; this
     * process still knows the live build's manifest whole, from when it wrote it, so its next build reuses the
     * live files and writes a new base.
     */
    @Test
    void aLostBaseIsReportedToAnotherProcessAndTheBuilderWritesANewBase() throws IOException {
        Path site = dir.resolve("lost");
        builder.build(site);
        Path live = builder.build(site).live();
        String lost = Manifest.Delta.baseOf(manifestOf(live));
        Files.delete(live.resolveSibling(lost));
        double before = meters.counter("laituri.site.manifest.unreadable").count();

        assertTrue(new SiteWriter(meters).files(live).isEmpty(), "read afresh, the manifest is unreadable");
        assertEquals(before + 1, meters.counter("laituri.site.manifest.unreadable").count(), "and reported");

        BuildReport report = builder.build(site);
        assertEquals(0, report.written().size(), "nothing changed, nothing written");
        String written = Manifest.Delta.baseOf(manifestOf(report.live()));
        assertTrue(!written.equals(lost) && Files.isRegularFile(report.live().resolveSibling(written)), "a new base");
        assertEquals(files(report.live()), new TreeSet<>(new SiteWriter(meters).files(report.live()).orElseThrow()));
    }

    private void assertRendersAfresh(Path site) {
        double before = meters.counter("laituri.site.manifest.unreadable").count();

        BuildReport report = builder.build(site);

        assertNotNull(report.live(), "the build went live");
        assertEquals(before + 1, meters.counter("laituri.site.manifest.unreadable").count(), "reported once");
        assertEquals(0, report.unchanged(), "with the live manifest unreadable, every file is rendered afresh");
        assertEquals(0, builder.build(site).written().size(), "and the manifest it wrote is read again");
    }

    private void publish(String title) {
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, "Teksti.", null, null, null))), EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
    }

    private static Path manifestOf(Path build) {
        return build.resolveSibling(build.getFileName() + ".manifest");
    }

    private static Set<String> files(Path build) throws IOException {
        try (Stream<Path> walk = Files.walk(build)) {
            return new TreeSet<>(walk.filter(Files::isRegularFile).map(p -> build.relativize(p).toString()).toList());
        }
    }
}
