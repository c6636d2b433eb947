package fi.laituri.content;

import fi.laituri.DatabaseTest;
import fi.laituri.content.ContentFolder.ImportReport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rows an import writes, read back with SQL: documents, versions, revisions, audit entries, outbox events and
 * translation sources, for a small folder of several languages with tags, bylines, a derived slug and a bad file.
 * Ids and times are left out (they differ from run to run); what points at a row is named by key and language.
 * The tests of the class share a database, so each uses keys of its own and reads only their rows.
 */
@MicronautTest(transactional = false)
class ContentFolderRowsTest extends DatabaseTest {

    @Inject
    ContentFolder folder;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void importingAFolderWritesEachVersionWithItsRevisionAuditEntriesEventsAndTranslationSource(@TempDir Path root) {
        writeFolder(root, "rows");

        ImportReport report = folder.importFrom(root);

        assertEquals(List.of(root.resolve("blog/rows-gamma/fi.md") + ":5: unknown status unheard-of"),
                report.problems().stream().map(Object::toString).toList());
        assertEquals(8, report.created(), "seven versions and an author");
        assertEquals(List.of(
                "article rows-alpha touched=true",
                "page rows-beta touched=true",
                "blog_post rows-gamma touched=true"), documents("rows"));
        assertEquals(List.of(
                "rows-alpha/fi slug=rows-alpha title=Alfa tags=[\"kunta\",\"nuoret\"] authors=[\"rows-ann\"]"
                        + " date=true status=published revision=1 live=1 firstPublished=true version=0",
                "rows-alpha/selko slug=rows-alpha-selko title=Alfa selkeasti tags=[] authors=[]"
                        + " date=false status=draft revision=1 live=null firstPublished=false version=0",
                "rows-alpha/sv slug=rows-alpha-sv title=Alfa på svenska tags=[\"unga\"] authors=[\"rows-ann\"]"
                        + " date=false status=published revision=1 live=1 firstPublished=true version=0",
                "rows-beta/fi slug=beeta-sivu-rows title=Beeta sivu rows tags=[] authors=[]"
                        + " date=false status=draft revision=1 live=null firstPublished=false version=0",
                "rows-beta/sv slug=rows-beta-sv title=Beta tags=[] authors=[]"
                        + " date=false status=in_review revision=1 live=null firstPublished=false version=0",
                "rows-gamma/selko slug=rows-gamma-selko title=Gamma selko tags=[] authors=[]"
                        + " date=false status=draft revision=1 live=null firstPublished=false version=0",
                "rows-gamma/sv slug=rows-gamma-sv title=Gamma tags=[\"unga\"] authors=[]"
                        + " date=false status=published revision=1 live=1 firstPublished=true version=0"), variants("rows"));
        assertEquals(List.of(
                "rows-alpha/fi 1 slug=rows-alpha title=Alfa tags=[\"kunta\",\"nuoret\"] authors=[\"rows-ann\"] by=import same=true",
                "rows-alpha/selko 1 slug=rows-alpha-selko title=Alfa selkeasti tags=[] authors=[] by=import same=true",
                "rows-alpha/sv 1 slug=rows-alpha-sv title=Alfa på svenska tags=[\"unga\"] authors=[\"rows-ann\"] by=import same=true",
                "rows-beta/fi 1 slug=beeta-sivu-rows title=Beeta sivu rows tags=[] authors=[] by=import same=true",
                "rows-beta/sv 1 slug=rows-beta-sv title=Beta tags=[] authors=[] by=import same=true",
                "rows-gamma/selko 1 slug=rows-gamma-selko title=Gamma selko tags=[] authors=[] by=import same=true",
                "rows-gamma/sv 1 slug=rows-gamma-sv title=Gamma tags=[\"unga\"] authors=[] by=import same=true"), revisions("rows"));
        assertEquals(List.of(
                "rows-alpha/fi import variant.created r1 null->draft",
                "rows-alpha/fi import variant.imported-status r1 draft->published",
                "rows-alpha/selko import variant.created r1 null->draft",
                "rows-alpha/sv import variant.created r1 null->draft",
                "rows-alpha/sv import variant.imported-status r1 draft->published",
                "rows-gamma/selko import variant.created r1 null->draft",
                "rows-gamma/sv import variant.created r1 null->draft",
                "rows-gamma/sv import variant.imported-status r1 draft->published",
                "rows-beta/fi import variant.created r1 null->draft",
                "rows-beta/sv import variant.created r1 null->draft",
                "rows-beta/sv import variant.imported-status r1 draft->in_review"), audit("rows"));
        assertEquals(List.of(
                "rows-alpha/fi variant.published r1 {\"key\": \"rows-alpha\", \"kind\": \"article\", \"language\": \"fi\", \"slug\": \"rows-alpha\", \"revision\": 1}",
                "rows-alpha/sv variant.published r1 {\"key\": \"rows-alpha\", \"kind\": \"article\", \"language\": \"sv\", \"slug\": \"rows-alpha-sv\", \"revision\": 1}",
                "rows-gamma/sv variant.published r1 {\"key\": \"rows-gamma\", \"kind\": \"blog_post\", \"language\": \"sv\", \"slug\": \"rows-gamma-sv\", \"revision\": 1}"),
                events("rows"));
        assertEquals(List.of(
                "rows-alpha/selko from fi 1 by import",
                "rows-alpha/sv from fi 1 by import",
                "rows-beta/sv from fi 1 by import",
                "rows-gamma/selko from fi null by import",
                "rows-gamma/sv from fi null by import"), translationSources("rows"));
    }

    @Test
    void importingTheSameFolderAgainWritesNoRow(@TempDir Path root) {
        writeFolder(root, "again");
        folder.importFrom(root);
        List<List<String>> before = allRows("again");

        ImportReport report = folder.importFrom(root);

        assertEquals(0, report.created());
        assertEquals(0, report.updated());
        assertEquals(8, report.unchanged(), "seven versions and an author");
        assertEquals(1, report.problems().size());
        assertEquals(before, allRows("again"));
    }

    @Test
    void aNewTranslationImportedAfterItsEditedSourceRecordsTheSourcesNewLiveRevision(@TempDir Path root) throws IOException {
        writeFolder(root, "edit");
        Path selko = root.resolve("articles/edit-alpha/selko.md");
        String selkoText = Files.readString(selko);
        Files.delete(selko);
        folder.importFrom(root);
        int auditBefore = audit("edit").size();
        write(root.resolve("articles/edit-alpha/fi.md"), """
                ---
                title: Alfa, uusi
                slug: edit-alpha
                tags:
                  - kunta
                authors:
                  - edit-ann
                status: published
                ---
                Uusi kappale.
                """);
        write(selko, selkoText);
        write(root.resolve("articles/edit-delta/sv.md"), """
                ---
                title: Delta
                slug: edit-delta-sv
                status: draft
                ---
                Ny.
                """);
        write(root.resolve("blog/edit-gamma/fi.md"), """
                ---
                title: Gamma suomeksi
                slug: edit-gamma
                status: draft
                ---
                Nyt kelvollinen.
                """);

        ImportReport report = folder.importFrom(root);

        assertEquals(List.of(), report.problems());
        assertEquals(3, report.created());
        assertEquals(1, report.updated());
        assertEquals(6, report.unchanged(), "five versions and an author");
        assertEquals(List.of(
                "edit-alpha/fi 1 slug=edit-alpha title=Alfa tags=[\"kunta\",\"nuoret\"] authors=[\"edit-ann\"] by=import same=false",
                "edit-alpha/fi 2 slug=edit-alpha title=Alfa, uusi tags=[\"kunta\"] authors=[\"edit-ann\"] by=import same=true"),
                revisions("edit").stream().filter(r -> r.startsWith("edit-alpha/fi ")).toList());
        assertEquals(List.of(
                "edit-alpha/selko from fi 2 by import",
                "edit-alpha/sv from fi 1 by import",
                "edit-beta/sv from fi 1 by import",
                "edit-delta/sv from fi null by import",
                "edit-gamma/selko from fi null by import",
                "edit-gamma/sv from fi null by import"), translationSources("edit"));
        List<String> audit = audit("edit");
        assertEquals(List.of(
                "edit-alpha/fi import variant.edited r2 published->draft",
                "edit-alpha/fi import variant.imported-status r2 draft->published",
                "edit-alpha/selko import variant.created r1 null->draft",
                "edit-delta/sv import variant.created r1 null->draft",
                "edit-gamma/fi import variant.created r1 null->draft"), audit.subList(auditBefore, audit.size()));
    }

    /**
     * Three documents in two sections: alpha in three languages (Finnish published with tags and a byline), beta a
     * page whose Finnish slug comes from its title, gamma a blog post whose Finnish file is bad.
     */
    private static void writeFolder(Path root, String prefix) {
        write(root.resolve("authors/" + prefix + "-ann.yml"), "name: Ann Author\ntitle: toimittaja\n");
        write(root.resolve("articles/" + prefix + "-alpha/fi.md"), """
                ---
                title: Alfa
                slug: %1$s-alpha
                summary: Lyhyesti.
                date: 2024-05-01T10:00:00+03:00
                tags:
                  - kunta
                  - nuoret
                authors:
                  - %1$s-ann
                status: published
                ---
                Ensimmäinen kappale.
                """.formatted(prefix));
        write(root.resolve("articles/" + prefix + "-alpha/sv.md"), """
                ---
                title: Alfa på svenska
                slug: %1$s-alpha-sv
                tags:
                  - unga
                authors:
                  - %1$s-ann
                status: published
                ---
                Första stycket.
                """.formatted(prefix));
        write(root.resolve("articles/" + prefix + "-alpha/selko.md"), """
                ---
                title: Alfa selkeasti
                slug: %1$s-alpha-selko
                ---
                Helppo teksti.
                """.formatted(prefix));
        write(root.resolve("pages/" + prefix + "-beta/fi.md"), """
                ---
                title: Beeta sivu %1$s
                ---
                Sivu ilman osoitetta.
                """.formatted(prefix));
        write(root.resolve("pages/" + prefix + "-beta/sv.md"), """
                ---
                title: Beta
                slug: %1$s-beta-sv
                status: in_review
                ---
                Sida.
                """.formatted(prefix));
        write(root.resolve("blog/" + prefix + "-gamma/fi.md"), """
                ---
                title: Gamma
                slug: %1$s-gamma
                tags: [a]
                status: unheard-of
                ---
                Ei tuoda.
                """.formatted(prefix));
        write(root.resolve("blog/" + prefix + "-gamma/sv.md"), """
                ---
                title: Gamma
                slug: %1$s-gamma-sv
                tags:
                  - unga
                status: published
                ---
                Inlägg.
                """.formatted(prefix));
        write(root.resolve("blog/" + prefix + "-gamma/selko.md"), """
                ---
                title: Gamma selko
                slug: %1$s-gamma-selko
                ---
                Selko.
                """.formatted(prefix));
    }

    private List<List<String>> allRows(String prefix) {
        return List.of(documents(prefix), variants(prefix), revisions(prefix), audit(prefix), events(prefix),
                translationSources(prefix));
    }

    private List<String> documents(String prefix) {
        return rows("SELECT CONCAT(kind, ' ', translation_key, ' touched=', IF(updated_at > created_at, 'true', 'false'))"
                + " FROM document WHERE translation_key LIKE ? ORDER BY translation_key", prefix);
    }

    private List<String> variants(String prefix) {
        return rows("SELECT CONCAT(d.translation_key, '/', v.language, ' slug=', v.slug, ' title=', v.title, ' tags=',"
                + " v.tags, ' authors=', v.authors, ' date=', IF(v.content_date IS NULL, 'false', 'true'), ' status=',"
                + " v.status, ' revision=', v.revision, ' live=', IFNULL(v.live_revision, 'null'), ' firstPublished=',"
                + " IF(v.first_published_at IS NULL, 'false', 'true'), ' version=', v.version)"
                + " FROM variant v JOIN document d ON d.id = v.document_id WHERE d.translation_key LIKE ?"
                + " ORDER BY d.translation_key, v.language", prefix);
    }

    private List<String> revisions(String prefix) {
        return rows("SELECT CONCAT(d.translation_key, '/', v.language, ' ', r.number, ' slug=', r.slug, ' title=', r.title,"
                + " ' tags=', r.tags, ' authors=', r.authors, ' by=', r.created_by,"
                + " ' same=', IF(r.content_hash = v.content_hash AND r.body = v.body, 'true', 'false'))"
                + " FROM revision r JOIN variant v ON v.id = r.variant_id JOIN document d ON d.id = v.document_id"
                + " WHERE d.translation_key LIKE ? ORDER BY d.translation_key, v.language, r.number", prefix);
    }

    /** In the order they were recorded. */
    private List<String> audit(String prefix) {
        return rows("SELECT CONCAT(d.translation_key, '/', a.language, ' ', a.actor, ' ', a.action, ' r', a.revision, ' ',"
                + " IFNULL(a.from_status, 'null'), '->', IFNULL(a.to_status, 'null'))"
                + " FROM audit_entry a JOIN document d ON d.id = a.document_id WHERE d.translation_key LIKE ? ORDER BY a.id",
                prefix);
    }

    /** In the order they were appended; the payload without the document's id. */
    private List<String> events(String prefix) {
        return rows("SELECT CONCAT(d.translation_key, '/', e.language, ' ', e.type, ' r', e.revision, ' ',"
                + " JSON_REMOVE(e.payload, '$.documentId'))"
                + " FROM outbox_event e JOIN document d ON d.id = e.document_id WHERE d.translation_key LIKE ? ORDER BY e.id",
                prefix);
    }

    private List<String> translationSources(String prefix) {
        return rows("SELECT CONCAT(d.translation_key, '/', v.language, ' from ', t.source_language, ' ',"
                + " IFNULL(t.source_revision, 'null'), ' by ', t.recorded_by)"
                + " FROM translation_source t JOIN variant v ON v.id = t.variant_id JOIN document d ON d.id = v.document_id"
                + " WHERE d.translation_key LIKE ? ORDER BY d.translation_key, v.language", prefix);
    }

    private List<String> rows(String sql, String prefix) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                s.setString(1, prefix + "-%");
                List<String> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
