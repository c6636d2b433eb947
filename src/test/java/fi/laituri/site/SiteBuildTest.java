package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.Api;
import fi.laituri.content.ContentFolder;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static build of the seed site, read back from real files. */
@MicronautTest(transactional = false)
class SiteBuildTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    Documents content;

    @Inject
    Transitions transitions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void importSeedContent() {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
    }

    /** The files below a build, following the {@code current} link. */
    private static List<String> files(Path build) throws IOException {
        Path root = build.toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static String read(Path site, String path) throws IOException {
        return Files.readString(site.resolve("current").resolve(path));
    }

    private long draft(String title, String body) {
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, body, null, null, null))), EDITOR);
        return doc.id();
    }

    @Test
    void aBuildIntoTheEmptySlotLinksTheUnchangedFilesAndTheNextChangeLeavesThemAsTheyWere(@TempDir Path site)
            throws IOException {
        builder.build(site);
        Path a = site.resolve("builds/a");
        assertEquals(a, site.resolve("current").toRealPath());
        String home = Files.readString(a.resolve("fi/index.html"));

        BuildReport unchanged = builder.build(site);
        Path b = site.resolve("builds/b");
        assertEquals(b, site.resolve("current").toRealPath());
        assertEquals(List.of(), unchanged.written());
        for (String path : files(a)) {
            assertEquals(Files.getAttribute(a.resolve(path), "unix:ino"), Files.getAttribute(b.resolve(path), "unix:ino"),
                    path + " is a hard link to the other slot's file, not a copy");
        }

        long id = draft("Linkitetty sivusto " + System.nanoTime(), "Uusi kappale.");
        transitions.apply(id, "fi", "submit", null, null, EDITOR);
        transitions.apply(id, "fi", "approve", null, null, PUBLISHER);
        transitions.apply(id, "fi", "publish", null, null, PUBLISHER);
        BuildReport changed = builder.build(site);
        assertEquals(a, site.resolve("current").toRealPath());
        assertTrue(changed.written().contains("fi/index.html"), changed.written().toString());
        assertFalse(Files.readString(a.resolve("fi/index.html")).equals(home), "the new build lists the new page");
        assertEquals(home, Files.readString(b.resolve("fi/index.html")),
                "the file the old build linked is replaced in the new build, not written through the link");
        assertFalse(Files.getAttribute(a.resolve("fi/index.html"), "unix:ino")
                .equals(Files.getAttribute(b.resolve("fi/index.html"), "unix:ino")));
    }

    @Test
    void everyPublishedVersionGetsAPageAtItsLanguageAndSlug(@TempDir Path site) throws IOException {
        builder.build(site);

        List<String> built = files(site.resolve("current"));
        assertTrue(built.containsAll(List.of(
                "index.html", "fi/index.html", "sv/index.html", "selko/index.html",
                "fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/index.html",
                "sv/malen-och-principerna-i-partnerskapsprogrammet/index.html",
                "selko/mita-kumppanuusohjelma-tavoittelee/index.html",
                "fi/toimintasuunnitelma-2021-2022/index.html",
                "fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/index.html")), built.toString());
    }

    @Test
    void pagesCarryTheLangOfTheirLanguageAndPlainLanguagePagesAreFinnish(@TempDir Path site) throws IOException {
        builder.build(site);

        assertTrue(read(site, "sv/malen-och-principerna-i-partnerskapsprogrammet/index.html").contains("<html lang=\"sv\">"));
        assertTrue(read(site, "selko/mita-kumppanuusohjelma-tavoittelee/index.html").contains("<html lang=\"fi\">"));
    }

    @Test
    void draftsAndScheduledVersionsAreNotBuilt(@TempDir Path site) throws IOException {
        String unique = Long.toHexString(System.nanoTime());
        draft("Luonnos " + unique, "Ei vielä.");
        long scheduled = draft("Ajastettu " + unique, "Myöhemmin.");
        transitions.apply(scheduled, "fi", "submit", null, null, EDITOR);
        transitions.apply(scheduled, "fi", "approve", null, null, PUBLISHER);
        transitions.apply(scheduled, "fi", "publish", null, OffsetDateTime.now().plusDays(1), PUBLISHER);

        builder.build(site);

        assertFalse(files(site.resolve("current")).stream().anyMatch(f -> f.contains(unique)));
        assertFalse(read(site, "fi/index.html").contains(unique));
    }

    @Test
    void linksBetweenDocumentsPointAtTheSameLanguagesPage(@TempDir Path site) throws IOException {
        builder.build(site);

        assertTrue(read(site, "fi/kumppanuusohjelma-johdattaa-kohti-inklusiivista-yhteiskuntaa/index.html")
                .contains("href=\"/fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/\""));
        assertTrue(read(site, "selko/mika-on-kumppanuusohjelma/index.html")
                .contains("href=\"/selko/mita-kumppanuusohjelma-tavoittelee/\""));
    }

    @Test
    void aLinkToADocumentThatIsNotPublishedIsReportedWithDocumentLanguageAndLine(@TempDir Path site) {
        long id = draft("Rikkinäinen linkki " + System.nanoTime(), "Ensimmäinen rivi.\n\nKatso [tämä](doc:ei-ole-olemassa).");
        transitions.apply(id, "fi", "submit", null, null, EDITOR);
        transitions.apply(id, "fi", "approve", null, null, PUBLISHER);
        transitions.apply(id, "fi", "publish", null, null, PUBLISHER);
        String key = content.getDocument(id).key();

        BuildReport report = builder.build(site, true);

        assertTrue(report.warnings().stream().anyMatch(w -> w.startsWith(key + " (fi), line 3")
                && w.contains("doc:ei-ole-olemassa")), report.warnings().toString());
        assertEquals(null, report.live(), "a strict build with warnings is not published");
        assertFalse(Files.exists(site.resolve("current")));
    }

    @Test
    void theSameContentBuildsByteIdenticalOutput(@TempDir Path first, @TempDir Path second) throws IOException {
        BuildReport a = builder.build(first);
        BuildReport b = builder.build(second);

        assertEquals(a.live().getFileName(), b.live().getFileName());
        List<String> files = files(first.resolve("current"));
        assertTrue(files.size() > 10, files.toString());
        assertEquals(files, files(second.resolve("current")));
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(first.resolve("current").resolve(f)),
                    Files.readAllBytes(second.resolve("current").resolve(f)), f);
        }
    }

    @Test
    void aNewBuildSwitchesTheLiveSiteAndKeepsThePreviousBuildWhole(@TempDir Path site) throws IOException {
        Path before = builder.build(site).live();
        List<String> beforeFiles = files(before);
        long id = draft("Uusi sivu " + System.nanoTime(), "Tuore.");
        transitions.apply(id, "fi", "submit", null, null, EDITOR);
        transitions.apply(id, "fi", "approve", null, null, PUBLISHER);
        transitions.apply(id, "fi", "publish", null, null, PUBLISHER);

        Path after = builder.build(site).live();

        assertFalse(before.equals(after));
        assertEquals(after.toRealPath(), site.resolve("current").toRealPath());
        assertEquals(beforeFiles, files(before));
    }
}
