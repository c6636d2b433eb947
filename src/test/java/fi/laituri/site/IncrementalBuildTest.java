package fi.laituri.site;

import fi.laituri.DatabaseTest;
import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.content.ContentFolder;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental builds against full ones: after each of a random sequence of publishes, unpublishes,
 * edits, translations and links between documents, the site the incremental builds keep up to date is
 * byte for byte the site a full build from scratch makes.
 */
@MicronautTest(transactional = false)
class IncrementalBuildTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    Documents content;

    @Inject
    Authors authors;

    @Inject
    Transitions transitions;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private int counter;
    /** The documents the random changes pick from: the seed site's and those the changes make. */
    private final List<Long> documents = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void importSeedContent() {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
        documents.addAll(tx.executeRead(s -> jdbc.prepareStatement("SELECT id FROM document ORDER BY id", ps -> {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        })));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void incrementalBuildsEqualAFullBuildAfterARandomSequenceOfChanges(long seed, @TempDir Path dir) throws IOException {
        Random random = new Random(seed);
        Path incremental = dir.resolve("incremental");
        builder.build(incremental);
        double carriedBefore = meters.counter("laituri.site.files.carried").count();
        for (int step = 0; step < 25; step++) {
            String what = change(random);
            long id = Long.parseLong(what.substring(what.lastIndexOf('#') + 1));
            BuildReport report = builder.update(incremental, Set.of(id));
            assertTrue(report.unchanged() > 0, "step " + step + " (" + what + ") rebuilt everything: " + report);
            Path full = dir.resolve("full-" + step);
            builder.build(full);
            assertSameSite(full, incremental, "seed " + seed + ", step " + step + ": " + what);
        }
        assertTrue(meters.counter("laituri.site.files.carried").count() > carriedBefore,
                "later steps take over the live build's unchanged pages without a look at each");
    }

    @Test
    void aRebuildWithNothingChangedRendersAndWritesNothing(@TempDir Path site) {
        BuildReport first = builder.build(site);
        BuildReport again = builder.build(site);

        assertEquals(List.of(), again.written());
        assertEquals(List.of(), again.deleted());
        assertEquals(first.files(), again.unchanged());
        assertEquals(first.warnings(), again.warnings());
    }

    @Test
    void aPageCarriedOverUnrenderedKeepsItsWarningsInTheReport(@TempDir Path site) {
        long broken = publishedArticle("Rikki " + (++counter), "Katso [tätä](doc:ei-ole-" + counter + ").");
        long other = publishedArticle("Muu " + (++counter), "Alku.");
        List<String> warned = builder.build(site).warnings().stream().filter(w -> w.contains("doc:ei-ole-")).toList();
        assertEquals(1, warned.size(), "the broken link is reported");
        double carried = meters.counter("laituri.site.files.carried").count();
        for (int i = 0; i < 3; i++) {
            edit(other, "fi", "Muu, muokattu " + (++counter), "Alku " + i + ".");
            publish(other, "fi");
            BuildReport report = builder.update(site, Set.of(other));
            assertTrue(report.warnings().containsAll(warned), "edit " + i + ": " + report.warnings());
        }
        assertTrue(meters.counter("laituri.site.files.carried").count() > carried, "the broken link's page was carried over");
        assertTrue(content.getVariant(broken, "fi").status().equals("published"));
    }

    @Test
    void aSmallEditRewritesItsPagesAndListingsButNotTheRestOfTheSite(@TempDir Path site) {
        long id = publishedArticle("Pieni muutos " + (++counter), "Alku.");
        builder.build(site);
        edit(id, "fi", "Pieni muutos, korjattu " + counter, "Alku ja loppu.");
        publish(id, "fi");

        BuildReport report = builder.update(site, Set.of(id));

        String page = "fi/" + content.getVariant(id, "fi").slug() + "/index.html";
        assertTrue(report.written().contains(page), report.written().toString());
        assertTrue(report.written().contains("fi/index.html"), "the home lists it: " + report.written());
        assertFalse(report.written().stream().anyMatch(p -> p.startsWith("sv/") && p.endsWith("/index.html") && !p.equals("sv/index.html")),
                "no Swedish page depends on a Finnish-only article: " + report.written());
        assertTrue(report.unchanged() > report.written().size(), report.toString());
    }

    @Test
    void unpublishingDeletesThePageAndRepublishingBringsItBack(@TempDir Path site) throws IOException {
        long id = publishedArticle("Poistuva sivu " + (++counter), "Hetken täällä.");
        builder.build(site);
        String page = "fi/" + content.getVariant(id, "fi").slug() + "/index.html";
        assertTrue(Files.exists(site.resolve("current").resolve(page)));

        transitions.apply(id, "fi", "unpublish", null, null, PUBLISHER);
        BuildReport gone = builder.update(site, Set.of(id));
        assertEquals(List.of(page), gone.deleted());
        assertFalse(Files.exists(site.resolve("current").resolve(page)));

        publish(id, "fi");
        builder.update(site, Set.of(id));
        assertTrue(Files.exists(site.resolve("current").resolve(page)));
    }

    @Test
    void aPageLinkingToADocumentIsRebuiltWhenThatDocumentIsPublished(@TempDir Path site) throws IOException {
        String key = "target-" + (++counter);
        long linking = publishedArticle("Linkittävä " + counter, "Katso [kohde](doc:" + key + ").");
        builder.build(site);
        String linkingPage = "fi/" + content.getVariant(linking, "fi").slug() + "/index.html";
        assertFalse(Files.readString(site.resolve("current").resolve(linkingPage)).contains("href=\"/fi/kohde"));

        Api.DocumentView target = content.createDocument(new Api.CreateDocument("article", key,
                List.of(new Api.VariantInput("fi", "Kohde " + counter, null, null, "Tässä.", null, null, null))), EDITOR);
        publish(target.id(), "fi");
        BuildReport report = builder.update(site, Set.of(target.id()));

        assertTrue(report.written().contains(linkingPage), report.written().toString());
        assertTrue(Files.readString(site.resolve("current").resolve(linkingPage))
                .contains("href=\"/fi/" + content.getVariant(target.id(), "fi").slug() + "/\""));
        assertTrue(report.warnings().stream().noneMatch(w -> w.contains(key)), report.warnings().toString());
    }

    /** Makes one random change and says what it was, ending in {@code #<document id>}. */
    private String change(Random random) {
        List<Api.DocumentView> docs = documents.stream().map(content::getDocument).toList();
        int action = random.nextInt(6);
        Api.DocumentView doc = docs.get(random.nextInt(docs.size()));
        String body = "Teksti " + random.nextInt(1000) + ".\n\nKatso [toinen](doc:" + docs.get(random.nextInt(docs.size())).key() + ").";
        switch (action) {
            case 0 -> {
                String kind = random.nextBoolean() ? "article" : "blog_post";
                Api.DocumentView created = content.createDocument(new Api.CreateDocument(kind, null,
                        List.of(new Api.VariantInput("fi", "Uusi " + kind + " " + (++counter), null, "Tiivistelmä " + counter, body,
                                List.of("tagi" + random.nextInt(3)), kind.equals("blog_post") ? List.of("varpu-taarna") : null,
                                java.time.OffsetDateTime.parse("2024-01-01T10:00:00+02:00").plusDays(random.nextInt(300))))), EDITOR);
                documents.add(created.id());
                publish(created.id(), "fi");
                return "published a new " + kind + " #" + created.id();
            }
            case 1 -> {
                String language = anyVariant(doc, random);
                edit(doc.id(), language, "Muokattu " + (++counter), body);
                publish(doc.id(), language);
                return "edited and republished " + language + " #" + doc.id();
            }
            case 2 -> {
                String language = anyVariant(doc, random);
                if ("published".equals(content.getVariant(doc.id(), language).status())) {
                    transitions.apply(doc.id(), language, "unpublish", null, null, PUBLISHER);
                    return "unpublished " + language + " #" + doc.id();
                }
                publish(doc.id(), language);
                return "published " + language + " #" + doc.id();
            }
            case 3 -> {
                if (doc.variants().stream().anyMatch(v -> v.language().equals("sv"))) {
                    edit(doc.id(), "sv", "Redigerad " + (++counter), "Text.");
                    publish(doc.id(), "sv");
                    return "edited and republished sv #" + doc.id();
                }
                content.createVariant(doc.id(), new Api.VariantInput("sv", "Översättning " + (++counter), null, null,
                        "Text med [länk](doc:" + doc.key() + ").", null, null, null), EDITOR);
                publish(doc.id(), "sv");
                return "published a Swedish translation #" + doc.id();
            }
            case 4 -> {
                String language = anyVariant(doc, random);
                edit(doc.id(), language, "Luonnos " + (++counter), body);
                return "edited " + language + " without publishing #" + doc.id();
            }
            default -> {
                Api.DocumentView created = content.createDocument(new Api.CreateDocument("article", null,
                        List.of(new Api.VariantInput("fi", "Luonnos " + (++counter), null, null, body, null, null, null))), EDITOR);
                documents.add(created.id());
                return "wrote a draft #" + created.id();
            }
        }
    }

    private static String anyVariant(Api.DocumentView doc, Random random) {
        return doc.variants().get(random.nextInt(doc.variants().size())).language();
    }

    @Test
    void keyKindAndBylineChangesWriteEventsWhoseBuildEqualsAFullBuild(@TempDir Path dir) throws IOException {
        long id = publishedArticle("Avain vaihtuu " + (++counter), "Teksti.");
        Path incremental = dir.resolve("incremental");
        builder.build(incremental);
        long before = lastEvent();
        Api.DocumentView doc = content.getDocument(id);
        content.updateDocument(id, doc.version(), new Api.DocumentPatch("blog_post", "avain-vaihtui-" + counter), EDITOR);
        Api.AuthorView author = authors.listAuthors().stream().filter(a -> a.id().equals("varpu-taarna")).findFirst().orElseThrow();
        String name = "Varpu Taarna-Muokattu " + counter;
        authors.updateAuthor(author.id(), author.version(), new Api.AuthorInput(null, name, author.title(), author.organisation()), EDITOR);

        Set<Long> changed = changedDocumentsAfter(before);
        assertTrue(changed.contains(id), "the key and kind change names its document: " + changed);
        assertTrue(changed.size() > 1, "the byline change names the author's documents: " + changed);
        builder.update(incremental, changed);
        Path full = dir.resolve("full");
        builder.build(full);

        assertSameSite(full, incremental, "after a key, kind and byline change");
        assertTrue(Files.readString(incremental.resolve("current/fi/blog/index.html")).contains("Avain vaihtuu " + counter),
                "the article is now a blog post");
        assertTrue(Files.readString(incremental.resolve("current/fi/blog/index.html")).contains(name), "the new byline is listed");
    }

    @Test
    void tagTitleDateAndUnpublishingChangesKeepTheTagPagesEqualToAFullBuild(@TempDir Path dir) throws IOException {
        int n = ++counter;
        String cat = "Kissa" + n;
        long first = taggedArticle("Kissoista " + n, List.of(cat, "koira" + n), "2024-03-01T10:00:00+02:00");
        long second = taggedArticle("Kissoista lisää " + n, List.of(cat.toLowerCase(), "hevonen" + n), "2024-04-01T10:00:00+02:00");
        Path incremental = dir.resolve("incremental");
        builder.build(incremental);
        List<String> steps = List.of("a tag added and one removed", "the title renamed", "the date moved to be the newest",
                "a tag without letters", "a Swedish translation with tags", "unpublished", "republished",
                "the other article's spelling now the most used");
        for (int step = 0; step < steps.size(); step++) {
            switch (step) {
                case 0 -> patch(first, "fi", new Api.VariantPatch(null, null, null, null, List.of(cat, "lintu" + n), null, null));
                case 1 -> patch(first, "fi", new Api.VariantPatch("Kissoista, korjattu " + n, null, null, null, null, null, null));
                case 2 -> patch(first, "fi", new Api.VariantPatch(null, null, null, null, null, null,
                        java.time.OffsetDateTime.parse("2024-05-01T10:00:00+02:00")));
                case 3 -> patch(first, "fi", new Api.VariantPatch(null, null, null, null, List.of(cat, "!!"), null, null));
                case 4 -> {
                    content.createVariant(first, new Api.VariantInput("sv", "Om katter " + n, null, null, "Text.",
                            List.of("katt" + n, cat), null, null), EDITOR);
                    publish(first, "sv");
                }
                case 5 -> transitions.apply(first, "fi", "unpublish", null, null, PUBLISHER);
                case 6 -> publish(first, "fi");
                default -> patch(second, "fi", new Api.VariantPatch(null, null, null, null,
                        List.of(cat.toLowerCase(), cat.toLowerCase() + " ", "hevonen" + n), null, null));
            }
            long id = step == steps.size() - 1 ? second : first;
            BuildReport report = builder.update(incremental, Set.of(id));
            assertTrue(report.unchanged() > 0, steps.get(step) + " rebuilt everything: " + report);
            Path full = dir.resolve("full-" + step);
            BuildReport whole = builder.build(full);
            assertSameSite(full, incremental, "after " + steps.get(step));
            assertEquals(whole.warnings().stream().filter(w -> w.contains("no letters or digits")).toList(),
                    report.warnings().stream().filter(w -> w.contains("no letters or digits")).toList(), steps.get(step));
            if (step == 0) {
                assertTrue(Files.exists(incremental.resolve("current/fi/tags/lintu" + n + "/index.html")), "the added tag has a page");
                assertFalse(Files.exists(incremental.resolve("current/fi/tags/koira" + n + "/index.html")), "the removed tag has none");
            }
        }
    }

    private long taggedArticle(String title, List<String> tags, String date) {
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, "Teksti.", tags, null,
                        java.time.OffsetDateTime.parse(date)))), EDITOR);
        publish(doc.id(), "fi");
        return doc.id();
    }

    /** Changes a version and publishes the change. */
    private void patch(long id, String language, Api.VariantPatch patch) {
        content.patchVariant(id, language, content.getVariant(id, language).version(), patch, EDITOR);
        publish(id, language);
    }

    private long lastEvent() {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM outbox_event", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private Set<Long> changedDocumentsAfter(long event) {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT document_id FROM outbox_event WHERE id > ? AND type = 'variant.changed'", ps -> {
                    ps.setLong(1, event);
                    Set<Long> ids = new java.util.HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return ids;
                }));
    }

    private long publishedArticle(String title, String body) {
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", title, null, null, body, null, null, null))), EDITOR);
        publish(doc.id(), "fi");
        return doc.id();
    }

    private void edit(long id, String language, String title, String body) {
        Api.VariantView v = content.getVariant(id, language);
        content.patchVariant(id, language, v.version(), new Api.VariantPatch(title, null, null, body, null, null, null), EDITOR);
    }

    /** Takes a version through review to published, from whatever state it is in. */
    private void publish(long id, String language) {
        String status = content.getVariant(id, language).status();
        if (status.equals("draft") || status.equals("unpublished")) {
            transitions.apply(id, language, "submit", null, null, EDITOR);
            status = "in_review";
        }
        if (status.equals("in_review")) {
            transitions.apply(id, language, "approve", null, null, PUBLISHER);
            status = "approved";
        }
        if (status.equals("approved")) {
            transitions.apply(id, language, "publish", null, null, PUBLISHER);
        }
    }

    private static void assertSameSite(Path expected, Path actual, String message) throws IOException {
        Map<String, byte[]> want = files(expected.resolve("current"));
        Map<String, byte[]> got = files(actual.resolve("current"));
        assertEquals(want.keySet(), got.keySet(), message);
        want.forEach((path, bytes) -> assertArrayEquals(bytes, got.get(path), message + ": " + path));
        assertSlotsHoldWhatTheirManifestsSay(actual, message);
    }

    /**
     * Each build folder with a manifest holds exactly the files it lists, with those bytes: the folder that is not live
     * is the next build's starting point, which trusts its manifest (and, carrying files over, the live one's).
     */
    private static void assertSlotsHoldWhatTheirManifestsSay(Path site, String message) throws IOException {
        for (String slot : List.of("a", "b")) {
            Path folder = site.resolve("builds").resolve(slot);
            Path file = site.resolve("builds").resolve(slot + ".manifest");
            if (!Files.exists(file)) {
                continue;
            }
            String base = Manifest.Delta.baseOf(file);
            Manifest manifest = base == null ? Manifest.read(file)
                    : Manifest.Delta.read(file).over(Manifest.read(file.resolveSibling(base)));
            Map<String, byte[]> held = files(folder);
            Map<String, String> hashes = new TreeMap<>();
            held.forEach((path, bytes) -> hashes.put(path, Fingerprint.ofBytes(bytes)));
            Map<String, String> listed = new TreeMap<>();
            manifest.files().forEach((path, entry) -> listed.put(path, entry.hash()));
            assertEquals(listed, hashes, message + ": the build folder " + slot + " against its manifest");
        }
    }

    private static Map<String, byte[]> files(Path build) throws IOException {
        Path root = build.toRealPath();
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
