package fi.laituri.site;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slot's manifest written as a delta of a shared base: it reads back as the whole manifest, a build after one
 * change rewrites a small file rather than one the size of the site, a damaged delta or a lost base is reported
 * and treated as no manifest (the build renders afresh), and a whole manifest of the previous version is read.
 * {@link SiteWriter} on real files; each "process" is a writer of its own, with nothing cached.
 */
class ManifestDeltaTest {

    private static final String SITE = "site-1";
    private static final int FILES = 500;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aManifestWrittenAsBasePlusDeltaReadsBackAsTheWholeMapWithChangesAndRemovalsApplied() throws IOException {
        Map<String, Manifest.Entry> whole = entries(50, "v1");
        whole.put("fi/ääkköset ja välit/index.html", entry("~odd", "v1"));
        Path base = dir.resolve("base-x.manifest");
        new Manifest(SITE, whole).write(base);

        Map<String, Manifest.Entry> expected = new HashMap<>(whole);
        expected.put("page-7/index.html", entry("page-7/index.html", "v2"));
        expected.put("new page/index.html", new Manifest.Entry("f", List.of("doc:1", "doc 2"), "s.t", "h", List.of("a warning")));
        expected.remove("page-8/index.html");
        expected.remove("fi/ääkköset ja välit/index.html");
        Path slot = dir.resolve("a.manifest");
        new Manifest.Delta(SITE, "base-x.manifest",
                Map.of("page-7/index.html", expected.get("page-7/index.html"), "new page/index.html", expected.get("new page/index.html")),
                Set.of("page-8/index.html", "fi/ääkköset ja välit/index.html")).write(slot);

        assertEquals("base-x.manifest", Manifest.Delta.baseOf(slot));
        assertNull(Manifest.Delta.baseOf(base), "a base is a whole manifest");
        Manifest read = Manifest.Delta.read(slot).over(Manifest.read(base));
        assertEquals(SITE, read.site());
        assertEquals(expected, read.files());
    }

    @Test
    void aOneEditBuildRewritesOnlyASmallSlotManifestAndAFullReadGivesTheEntriesBeforePlusTheChange() throws IOException {
        long small = oneEditSlotManifestSize(dir.resolve("small"), FILES);
        long large = oneEditSlotManifestSize(dir.resolve("large"), 4 * FILES);

        assertEquals(small, large, "the slot manifest of a one-edit build does not grow with the site");
    }

    /** Builds a site of {@code count} files twice, then once after one edit, one addition and one removal. */
    private long oneEditSlotManifestSize(Path root, int count) throws IOException {
        SiteWriter writer = new SiteWriter(meters);
        Map<String, Manifest.Entry> first = entries(count, "v1");
        build(writer, root, first);
        build(writer, root, first);

        Map<String, Manifest.Entry> edited = new HashMap<>(first);
        edited.put("page-42/index.html", entry("page-42/index.html", "v2"));
        edited.remove("page-43/index.html");
        edited.put("page-new/index.html", entry("page-new/index.html", "v1"));
        Path live = build(writer, root, edited);

        Path slot = manifestOf(live);
        Path base = root.resolve("builds").resolve(Manifest.Delta.baseOf(slot));
        assertTrue(Files.size(slot) * 50 < Files.size(base), "the slot manifest is " + Files.size(slot)
                + " bytes, its base " + Files.size(base));
        assertEquals(List.of(base), bases(root), "the one base both slots name");
        assertEquals(edited, new SiteWriter(meters).stage(root, SITE, false).live().files(), "read afresh, as another process");
        assertEquals(edited.keySet(), new SiteWriter(meters).files(live).orElseThrow());
        assertEquals(0, unreadable());
        return Files.size(slot);
    }

    @Test
    void aDeltaPastItsBoundWritesANewBaseAndBasesNoSlotNamesAreDeleted() throws IOException {
        Path root = dir.resolve("out");
        SiteWriter writer = new SiteWriter(meters);
        Path a = build(writer, root, entries(FILES, "v1"));
        String firstBase = Manifest.Delta.baseOf(manifestOf(a));
        Path b = build(writer, root, entries(FILES, "v2"));
        String secondBase = Manifest.Delta.baseOf(manifestOf(b));

        assertNotEquals(firstBase, secondBase, "every file changed: a new base");
        assertEquals(2, bases(root).size(), "the other slot still names the first base");
        build(writer, root, entries(FILES, "v2"));
        assertEquals(List.of(root.resolve("builds").resolve(secondBase)), bases(root),
                "neither slot names the first base any more");
        assertEquals(entries(FILES, "v2"), new SiteWriter(meters).stage(root, SITE, false).live().files());
    }

    @Test
    void removingMoreThanATenthOfTheBaseWritesANewBase() throws IOException {
        Path root = dir.resolve("out");
        SiteWriter writer = new SiteWriter(meters);
        Path a = build(writer, root, entries(FILES, "v1"));
        String firstBase = Manifest.Delta.baseOf(manifestOf(a));
        Map<String, Manifest.Entry> fewer = entries(FILES / 2, "v1");
        Path b = build(writer, root, fewer);

        assertNotEquals(firstBase, Manifest.Delta.baseOf(manifestOf(b)), "half the files removed: a new base");
        Manifest.Delta delta = Manifest.Delta.read(manifestOf(b));
        assertTrue(delta.changed().isEmpty() && delta.removed().isEmpty(), "an empty delta of the new base");
        assertEquals(fewer, new SiteWriter(meters).stage(root, SITE, false).live().files());
    }

    @Test
    void aDamagedDeltaIsReportedAndTheBuildAfterItRendersAfresh() throws IOException {
        Path root = dir.resolve("out");
        SiteWriter writer = new SiteWriter(meters);
        build(writer, root, entries(FILES, "v1"));
        Path live = build(writer, root, entries(FILES, "v1"));
        Path slot = manifestOf(live);
        List<String> lines = Files.readAllLines(slot, StandardCharsets.UTF_8);
        Files.write(slot, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);

        assertRendersAfresh(root);
    }

    @Test
    void aDeltaWithADamagedLineIsReportedAndTheBuildAfterItRendersAfresh() throws IOException {
        Path root = dir.resolve("out");
        SiteWriter writer = new SiteWriter(meters);
        build(writer, root, entries(FILES, "v1"));
        Map<String, Manifest.Entry> edited = entries(FILES, "v1");
        edited.put("page-1/index.html", entry("page-1/index.html", "v2"));
        Path slot = manifestOf(build(writer, root, edited));
        String text = Files.readString(slot, StandardCharsets.UTF_8);
        Files.writeString(slot, text.replace("\nend\n", "\nbroken\tline\nend\n"), StandardCharsets.UTF_8);

        assertRendersAfresh(root);
    }

    @Test
    void aMissingBaseIsReportedAndTheBuildAfterItRendersAfresh() throws IOException {
        Path root = dir.resolve("out");
        SiteWriter writer = new SiteWriter(meters);
        Path live = build(writer, root, entries(FILES, "v1"));
        Files.delete(root.resolve("builds").resolve(Manifest.Delta.baseOf(manifestOf(live))));

        assertRendersAfresh(root);
    }

    @Test
    void aWholeManifestOfThePreviousVersionIsStillReadAndTheNextBuildWritesABase() throws IOException {
        Path root = dir.resolve("out");
        Path live = build(new SiteWriter(meters), root, entries(3, "v1"));
        // As the previous version wrote it: one whole file, no base.
        Files.writeString(manifestOf(live), "laituri-site-manifest 2\n" + SITE + "\n"
                + "page-0/index.html\tfp-v1\t\t\th-page-0/index.html-v1\t\n"
                + "page-1/index.html\tfp-v1\tdoc:1 ~doc+2\tl.m\th-page-1/index.html-v1\t~a+warning\n"
                + "page-2/index.html\tfp-v1\t\t\th-page-2/index.html-v1\t\n"
                + "end\n", StandardCharsets.UTF_8);
        bases(root).forEach(p -> p.toFile().delete());

        Map<String, Manifest.Entry> expected = entries(3, "v1");
        expected.put("page-1/index.html", new Manifest.Entry("fp-v1", List.of("doc:1", "doc 2"), "l.m",
                "h-page-1/index.html-v1", List.of("a warning")));
        SiteWriter next = new SiteWriter(meters);
        SiteWriter.Staging staging = next.stage(root, SITE, false);
        assertEquals(expected, staging.live().files());
        assertEquals(0, unreadable());
        expected.forEach((path, entry) -> staging.keep(path, entry));
        Path published = publish(staging, expected.keySet());

        assertEquals(1, bases(root).size(), "a base written with everything");
        assertEquals(expected, new SiteWriter(meters).stage(root, SITE, false).live().files());
        assertEquals(expected.keySet(), new SiteWriter(meters).files(published).orElseThrow());
    }

    @Test
    void theDeltaOfAOneEditBuildHoldsOnlyTheChange() throws IOException {
        Path root = dir.resolve("out");
        SiteWriter writer = new SiteWriter(meters);
        build(writer, root, entries(FILES, "v1"));
        Map<String, Manifest.Entry> edited = entries(FILES, "v1");
        edited.put("page-5/index.html", entry("page-5/index.html", "v2"));
        edited.remove("page-6/index.html");
        Path live = build(writer, root, edited);

        Manifest.Delta delta = Manifest.Delta.read(manifestOf(live));
        assertEquals(Set.of("page-5/index.html"), delta.changed().keySet());
        assertEquals(Set.of("page-6/index.html"), delta.removed());
        assertFalse(Files.exists(root.resolve("current/page-6/index.html")), "the removed file is gone");
        assertEquals(new TreeSet<>(edited.keySet()), new TreeSet<>(new SiteWriter(meters).files(live).orElseThrow()));
    }

    /** In a writer with nothing cached, the live manifest reads as none, said once, and the build renders every file. */
    private void assertRendersAfresh(Path root) throws IOException {
        SiteWriter next = new SiteWriter(meters);
        SiteWriter.Staging staging = next.stage(root, SITE, false);
        assertEquals(1, unreadable(), "the unreadable manifest is reported");
        assertTrue(staging.live().files().isEmpty(), "no file of the live build is reused");
        entries(FILES, "v1").forEach((path, entry) -> staging.write(path, bytes(path, "v1"), entry));
        Path live = publish(staging, entries(FILES, "v1").keySet());
        assertEquals(entries(FILES, "v1"), new SiteWriter(meters).stage(root, SITE, false).live().files());
        assertEquals(entries(FILES, "v1").keySet(), new SiteWriter(meters).files(live).orElseThrow());
    }

    /** A build that renders the files whose entries differ from the live build's and keeps the rest. */
    private static Path build(SiteWriter writer, Path root, Map<String, Manifest.Entry> files) {
        SiteWriter.Staging staging = writer.stage(root, SITE, false);
        Map<String, Manifest.Entry> live = staging.live().files();
        files.forEach((path, entry) -> {
            Manifest.Entry before = live.get(path);
            if (entry.equals(before)) {
                staging.keep(path, before);
            } else {
                staging.write(path, bytes(path, entry.fingerprint()), entry);
            }
        });
        return publish(staging, files.keySet());
    }

    private static Map<String, Manifest.Entry> entries(int count, String version) {
        Map<String, Manifest.Entry> entries = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String path = "page-" + i + "/index.html";
            entries.put(path, entry(path, version));
        }
        return entries;
    }

    private static Manifest.Entry entry(String path, String version) {
        return new Manifest.Entry("fp-" + version, List.of(), "", "h-" + path + "-" + version, List.of());
    }

    private static byte[] bytes(String path, String version) {
        return (path + " " + version).getBytes(StandardCharsets.UTF_8);
    }

    private static Path manifestOf(Path build) {
        return build.resolveSibling(build.getFileName() + ".manifest");
    }

    private static List<Path> bases(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("builds"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("base-")).sorted().toList();
        }
    }

    private double unreadable() {
        return meters.counter("laituri.site.manifest.unreadable").count();
    }

    /** Publishes a build of {@code paths}, telling it which of the live build's files it has not, as the builder does. */
    private static Path publish(SiteWriter.Staging staging, Set<String> paths) {
        return staging.publish(() -> paths, staging.live().files().keySet().stream().filter(p -> !paths.contains(p)).toList());
    }
}
