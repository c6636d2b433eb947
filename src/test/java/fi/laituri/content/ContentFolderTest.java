package fi.laituri.content;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder.FileProblem;
import fi.laituri.content.ContentFolder.ImportReport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Import and export of the content folder against a real database. The tests of one class share a
 * database, so each one imports what it needs first and looks only at revision counts it took itself.
 */
@MicronautTest(transactional = false)
class ContentFolderTest extends DatabaseTest {

    /** The repository's seed content; Maven runs tests from the project root. */
    private static final Path REPOSITORY_CONTENT = Path.of("content");
    /** The uploaded files of the seed content, each described by a YAML file. */
    private static final long SEED_MEDIA = mediaFiles();

    private static long mediaFiles() {
        try (Stream<Path> files = Files.list(REPOSITORY_CONTENT.resolve("media"))) {
            return files.filter(p -> p.toString().endsWith(".yml")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every language version in the repository's content/, as section/key/language. */
    private static final List<String> SEED_VARIANTS = List.of(
            "articles/action-plan-2021-2022/fi.md",
            "articles/partnership-goals/fi.md",
            "articles/partnership-goals/selko.md",
            "articles/partnership-goals/sv.md",
            "articles/partnership-programme/fi.md",
            "articles/partnership-programme/selko.md",
            "blog/partnership-programme-found-useful/fi.md",
            "pages/accessibility-statement/fi.md",
            "pages/accessibility-statement/selko.md",
            "pages/accessibility-statement/sv.md",
            "pages/blog-info/fi.md",
            "pages/home/fi.md",
            "pages/home/selko.md",
            "pages/home/sv.md",
            "pages/privacy-notice/fi.md",
            "pages/privacy-notice/selko.md",
            "pages/privacy-notice/sv.md");
    private static final Set<String> SEED_KEYS = Set.of("action-plan-2021-2022", "partnership-goals",
            "partnership-programme", "partnership-programme-found-useful", "blog-info", "accessibility-statement",
            "home", "privacy-notice");

    @Inject
    ContentFolder folder;

    @Inject
    Documents content;

    @Inject
    ContentExchange exchange;

    @Test
    void importingTheRepositoryContentCreatesEveryDocumentAndVariantWithoutProblems(@TempDir Path temp) {
        ImportReport report = folder.importFrom(seedCopy(temp));

        assertEquals(List.of(), report.problems());
        assertEquals(SEED_VARIANTS, storedVariantFiles(SEED_KEYS));
        assertEquals(SEED_VARIANTS.size() + 1 + SEED_MEDIA, report.created() + report.updated() + report.unchanged(),
                "one outcome for each variant file, for the one author file and for each media file");
    }

    @Test
    void theImportedBlogPostIsBylinedByItsAuthorAndDatedAtItsPublicationTime(@TempDir Path temp) {
        folder.importFrom(seedCopy(temp));

        Api.VariantView post = content.getVariant(idOf("partnership-programme-found-useful"), "fi");

        assertEquals("blog_post", post.kind());
        assertEquals(List.of("varpu-taarna"), post.authors().stream().map(Api.AuthorView::id).toList());
        Api.AuthorView author = post.authors().get(0);
        assertEquals("Varpu Taarna", author.name());
        assertEquals("erityisasiantuntija", author.title());
        assertEquals("Kotoutumisen osaamiskeskus, työ- ja elinkeinoministeriö", author.organisation());
        assertEquals(OffsetDateTime.parse("2023-09-08T12:25+03:00"), post.date());
    }

    @Test
    void importingTheSameFolderTwiceCreatesNoNewRevisions(@TempDir Path temp) {
        Path seed = seedCopy(temp);
        folder.importFrom(seed);
        Map<String, Integer> before = revisionCounts();

        ImportReport again = folder.importFrom(seed);

        assertEquals(0, again.created());
        assertEquals(0, again.updated());
        assertEquals(List.of(), again.problems());
        assertEquals(before, revisionCounts());
    }

    @Test
    void editingOneParagraphCreatesOneNewRevisionOnThatVariantAndNoneElsewhere(@TempDir Path temp) {
        Path seed = seedCopy(temp);
        folder.importFrom(seed);
        Map<String, Integer> before = revisionCounts();
        Path swedishGoals = seed.resolve("articles/partnership-goals/sv.md");
        String original = read(swedishGoals);
        String edited = original.replace("Vi berättar hur informationen har utnyttjats i utvecklingsarbetet.",
                "Vi berättar hur informationen har använts i utvecklingsarbetet.");
        assertNotEquals(original, edited, "the paragraph to edit is in the seed file");
        write(swedishGoals, edited.getBytes(StandardCharsets.UTF_8));

        ImportReport report = folder.importFrom(seed);

        Map<String, Integer> expected = new HashMap<>(before);
        expected.merge("partnership-goals/sv", 1, Integer::sum);
        assertEquals(1, report.updated());
        assertEquals(expected, revisionCounts());
        assertTrue(content.getVariant(idOf("partnership-goals"), "sv").body().contains("har använts"));
    }

    /** A file that import must refuse, where it must say the problem is, and a word the message must use. */
    record BadFile(String description, String path, byte[] bytes, int line, String mentions) {
        BadFile(String description, String path, String text, int line, String mentions) {
            this(description, path, text.getBytes(StandardCharsets.UTF_8), line, mentions);
        }

        String key() {
            return Path.of(path).getParent().getFileName().toString();
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<BadFile> badFiles() {
        return Stream.of(
                new BadFile("broken YAML, at the line of the error", "articles/broken-yaml/fi.md", """
                        ---
                        title: Rikkinäinen
                        summary: kaksi: kaksoispistettä
                        status: draft
                        ---

                        Teksti.
                        """, 3, "YAML"),
                new BadFile("a missing title, at the opening line", "articles/missing-title/fi.md", """
                        ---
                        summary: Otsikko puuttuu.
                        status: draft
                        ---

                        Teksti.
                        """, 1, "title"),
                new BadFile("an unknown front matter key, at the line of that key", "articles/unknown-key/fi.md", """
                        ---
                        title: Tuntematon avain
                        slug: tuntematon-avain
                        author: varpu-taarna
                        status: draft
                        ---
                        """, 4, "author"),
                new BadFile("an invalid slug, at the slug line", "articles/invalid-slug/fi.md", """
                        ---
                        title: Huono polku
                        slug: ../../etc/passwd
                        status: draft
                        ---
                        """, 3, "slug"),
                new BadFile("an unknown language file", "articles/unknown-language/xx.md", """
                        ---
                        title: Tuntematon kieli
                        ---
                        """, 1, "xx"),
                new BadFile("a file without front matter", "articles/no-front-matter/fi.md", """
                        Pelkkää tekstiä ilman etuosaa.
                        """, 1, "---"),
                new BadFile("a file in an unknown section directory", "posts/unknown-section/fi.md", """
                        ---
                        title: Tuntematon osio
                        ---
                        """, 1, "posts"),
                new BadFile("a file that is not UTF-8, at the line of the first bad byte", "articles/latin-1/fi.md",
                        "---\ntitle: Latin-1\nsummary: käyttäjä\n---\n".getBytes(StandardCharsets.ISO_8859_1), 3, "UTF-8"),
                new BadFile("an unknown author, at the authors line", "articles/unknown-author/fi.md", """
                        ---
                        title: Tuntematon kirjoittaja
                        authors:
                          - ei-ketaan
                        status: draft
                        ---
                        """, 3, "ei-ketaan"),
                new BadFile("a body nested too deep to render, at the opening line", "articles/too-deep/fi.md",
                        "---\ntitle: Liian syvä\nstatus: published\n---\n\n" + ">".repeat(3500) + " teksti\n", 1,
                        "nests block quotes and lists 3500 deep"),
                new BadFile("an author file without a name", "authors/nameless.yml", """
                        title: erityisasiantuntija
                        """, 1, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsReportedWithItsLineAndTheGoodFileNextToItIsStillImported(BadFile bad, @TempDir Path root) {
        Path badFile = write(root.resolve(bad.path()), bad.bytes());
        String neighbour = bad.key() + "-neighbour";
        goodFile(root, neighbour);

        ImportReport report = folder.importFrom(root);

        assertEquals(1, report.problems().size(), () -> "problems: " + report.problems());
        FileProblem problem = report.problems().get(0);
        assertEquals(badFile, problem.file());
        assertEquals(bad.line(), problem.line(), problem::toString);
        assertTrue(problem.message().contains(bad.mentions()), problem::toString);
        assertEquals(1, report.created());
        assertEquals("Naapuri " + neighbour, content.getVariant(idOf(neighbour), "fi").title());
    }

    @Test
    void everyBadFileInAFolderIsReportedAndTheGoodFilesAmongThemAreImported(@TempDir Path root) {
        List<BadFile> bad = badFiles().toList();
        for (BadFile file : bad) {
            write(root.resolve(file.path()), file.bytes());
        }
        goodFile(root, "among-bad-files-first");
        goodFile(root, "zz-among-bad-files-last");

        ImportReport report = folder.importFrom(root);

        Map<Path, Integer> expected = bad.stream().collect(Collectors.toMap(f -> root.resolve(f.path()), BadFile::line));
        Map<Path, Integer> reported = report.problems().stream()
                .collect(Collectors.toMap(FileProblem::file, FileProblem::line));
        assertEquals(expected, reported);
        assertEquals(2, report.created());
    }

    @Test
    void aFolderOfSeveralTransactionsWorthIsImportedWholeAndItsBadFilesAreReportedInFileOrder(@TempDir Path root) {
        List<Path> bad = new ArrayList<>();
        for (int n = 0; n < 450; n++) {
            String key = "many-%03d".formatted(n);
            if (n == 5 || n == 250 || n == 449) {
                bad.add(write(root.resolve("articles").resolve(key).resolve("fi.md"),
                        "---\ntitle: Huono\nstatus: lost\n---\n".getBytes(StandardCharsets.UTF_8)));
            } else {
                goodFile(root, key);
            }
        }

        ImportReport report = folder.importFrom(root);

        assertEquals(bad, report.problems().stream().map(FileProblem::file).toList());
        assertEquals(447, report.created());
        assertEquals(447, allDocuments().stream().filter(d -> d.key().startsWith("many-")).count());
        assertEquals("Naapuri many-448", content.getVariant(idOf("many-448"), "fi").title());
    }

    @Test
    void aSlugThatTwoNewDocumentsOfOneImportClaimIsReportedOnTheSecondAndEverythingElseIsImported(@TempDir Path root) {
        goodFile(root, "twin-slug-a");
        Path second = write(root.resolve("articles/twin-slug-b/fi.md"), ("---\ntitle: Toinen\nslug: twin-slug-a\n"
                + "status: draft\n---\n\nSama osoite.\n").getBytes(StandardCharsets.UTF_8));
        write(root.resolve("articles/twin-slug-b/sv.md"), ("---\ntitle: Andra\nslug: twin-slug-b\n"
                + "status: draft\n---\n\nEgen adress.\n").getBytes(StandardCharsets.UTF_8));

        ImportReport report = folder.importFrom(root);

        assertEquals(1, report.problems().size(), () -> "problems: " + report.problems());
        assertEquals(second, report.problems().get(0).file());
        assertTrue(report.problems().get(0).message().contains("twin-slug-a"), report.problems().get(0)::toString);
        assertEquals(2, report.created());
        assertEquals("Andra", content.getVariant(idOf("twin-slug-b"), "sv").title());
    }

    @Test
    void aPublishedFileImportedWithOthersIsLiveAtItsFirstRevisionWithItsHistory(@TempDir Path root) {
        for (String key : List.of("group-published-a", "group-published-b")) {
            write(root.resolve("articles").resolve(key).resolve("fi.md"), ("---\ntitle: Julkaistu " + key + "\nslug: " + key
                    + "\nstatus: published\n---\n\nJulkaistu tiedosto.\n").getBytes(StandardCharsets.UTF_8));
        }

        ImportReport report = folder.importFrom(root);

        assertEquals(List.of(), report.problems());
        for (String key : List.of("group-published-a", "group-published-b")) {
            long id = idOf(key);
            Api.VariantView v = content.getVariant(id, "fi");
            assertEquals("published", v.status());
            assertEquals(1, content.listRevisions(id, "fi").size());
            List<String> actions = audit.find(new fi.laituri.audit.AuditLog.Query(id, null, null, null, 1, 10, null))
                    .items().stream().map(fi.laituri.audit.AuditLog.Entry::action).toList();
            assertEquals(List.of("variant.created", "variant.imported-status"), actions);
        }
        assertEquals(Set.of(), folder.importFrom(root).problems().stream().map(FileProblem::toString).collect(Collectors.toSet()));
        assertEquals(Map.of("group-published-a/fi", 1, "group-published-b/fi", 1), revisionCounts().entrySet().stream()
                .filter(e -> e.getKey().startsWith("group-published-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "importing it again changes nothing");
    }

    @Inject
    fi.laituri.audit.AuditLog audit;

    @Test
    void importExportImportIsLossless(@TempDir Path temp) {
        folder.importFrom(seedCopy(temp));
        List<ContentExchange.ExportedDocument> imported = exchange.exportAll();
        List<Api.AuthorView> authors = exchange.exportAuthors();
        Path exported = temp.resolve("exported");
        folder.exportTo(exported);

        ImportReport reimport = folder.importFrom(exported);

        assertEquals(List.of(), reimport.problems());
        assertEquals(0, reimport.created());
        assertEquals(0, reimport.updated());
        assertEquals(imported, exchange.exportAll());
        assertEquals(authors, exchange.exportAuthors());
    }

    @Test
    void exportingTwiceGivesByteIdenticalFiles(@TempDir Path temp) {
        folder.importFrom(seedCopy(temp));
        Path first = temp.resolve("first");
        folder.exportTo(first);
        folder.importFrom(first);
        Path second = temp.resolve("second");

        folder.exportTo(second);

        assertEquals(files(first), files(second));
        for (String file : files(first)) {
            assertSameBytes(first.resolve(file), second.resolve(file), file);
        }
    }

    @Test
    void exportingTheImportedRepositoryContentReproducesItsFilesByteForByte(@TempDir Path temp) {
        folder.importFrom(seedCopy(temp));
        Path exported = temp.resolve("exported");

        folder.exportTo(exported);

        // The folder's own README.md is documentation, not content: export does not write it.
        List<String> repositoryFiles = files(REPOSITORY_CONTENT).stream().filter(f -> !f.equals("README.md")).toList();
        Set<String> repositoryDirectories = repositoryFiles.stream().map(ContentFolderTest::parent).collect(Collectors.toSet());
        assertEquals(repositoryFiles, files(exported).stream()
                .filter(f -> repositoryDirectories.contains(parent(f))).toList());
        for (String file : repositoryFiles) {
            assertSameBytes(REPOSITORY_CONTENT.resolve(file), exported.resolve(file), file);
        }
    }

    @Test
    void exportRemovesTheFileOfADeletedDocument(@TempDir Path temp) {
        Path source = temp.resolve("source");
        goodFile(source, "short-lived");
        write(source.resolve("articles/short-lived/sv.md"), """
                ---
                title: Kortlivad
                slug: short-lived
                status: draft
                ---
                """.getBytes(StandardCharsets.UTF_8));
        goodFile(source, "long-lived");
        folder.importFrom(source);
        Path exported = temp.resolve("exported");
        folder.exportTo(exported);
        long id = idOf("short-lived");
        assertTrue(Files.exists(exported.resolve("articles/short-lived/fi.md")));

        content.deleteDocument(id, content.getDocument(id).version(), fi.laituri.security.Actor.system("test"));
        ContentFolder.ExportReport report = folder.exportTo(exported);

        assertEquals(2, report.deleted());
        assertFalse(Files.exists(exported.resolve("articles/short-lived")));
        assertTrue(Files.exists(exported.resolve("articles/long-lived/fi.md")));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A copy of the repository's content/, so nothing a test does can touch the real one. */
    private static Path seedCopy(Path temp) {
        Path copy = temp.resolve("content");
        for (String file : files(REPOSITORY_CONTENT)) {
            try {
                write(copy.resolve(file), Files.readAllBytes(REPOSITORY_CONTENT.resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copy;
    }

    /** A valid Finnish article whose key and slug are {@code key}. */
    private static void goodFile(Path root, String key) {
        write(root.resolve("articles").resolve(key).resolve("fi.md"), ("---\n"
                + "title: Naapuri " + key + "\n"
                + "slug: " + key + "\n"
                + "status: draft\n"
                + "---\n\nHyvä tiedosto.\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The stored variants of these documents, as the files they belong in. */
    private List<String> storedVariantFiles(Set<String> keys) {
        return exchange.exportAll().stream()
                .filter(d -> keys.contains(d.key()))
                .flatMap(d -> d.variants().stream().map(v -> d.kind().section() + "/" + d.key() + "/" + v.language() + ".md"))
                .sorted()
                .toList();
    }

    /** How many revisions each stored variant has, by key/language. */
    private Map<String, Integer> revisionCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Api.DocumentView d : allDocuments()) {
            for (Api.VariantSummary v : d.variants()) {
                counts.put(d.key() + "/" + v.language(), content.listRevisions(d.id(), v.language()).size());
            }
        }
        return counts;
    }

    private long idOf(String key) {
        return allDocuments().stream().filter(d -> d.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no document " + key)).id();
    }

    private List<Api.DocumentView> allDocuments() {
        List<Api.DocumentView> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<Api.DocumentView> items = content.listDocuments(
                    new DocumentSearch.Filter(null, null, null, null, null, page, 100)).items();
            if (items.isEmpty()) {
                return all;
            }
            all.addAll(items);
        }
    }

    /** Regular files under {@code root}, as sorted relative paths with '/' separators. */
    private static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String parent(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    private static void assertSameBytes(Path expected, Path actual, String name) {
        try {
            byte[] want = Files.readAllBytes(expected);
            byte[] got = Files.readAllBytes(actual);
            if (!Arrays.equals(want, got)) {
                assertEquals(new String(want, StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8), name);
                fail(name + " differs in bytes that are not UTF-8");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
