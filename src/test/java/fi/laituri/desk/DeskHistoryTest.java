package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static fi.laituri.desk.DeskHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's history: revisions with their diff and restore (never over someone else's save), the audit log of a
 * document in the user's language, XLIFF download and upload on the translations worklist, and what others changed
 * since the user's last visit on the home page. Each form refused (no CSRF token, bad input, no permission) changes
 * nothing.
 */
@MicronautTest(transactional = false)
class DeskHistoryTest extends ApiTest {

    private static final String PASSWORD = "historian salasana";
    private static final Actor EEVA = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PEKKA = new Actor("pekka", Role.PUBLISHER, Set.of());
    private static final Actor ERKKI = new Actor("erkki", Role.EDITOR, Set.of());

    @Inject
    EmbeddedServer server;

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    Transitions transitions;

    @Inject
    AuditLog audit;

    @BeforeAll
    void staff() {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"erkki", "editor"},
                new String[]{"pekka", "publisher"}, new String[]{"tiina", "translator"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), u[1].equals("translator") ? List.of("sv") : List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
    }

    private DeskHttp as(String name) {
        DeskHttp desk = new DeskHttp(server.getURL().toString());
        assertEquals(303, desk.signIn(name, PASSWORD).statusCode());
        return desk;
    }

    /** A Finnish article saved three times by Eeva: "Ensimmäinen.", then "Toinen.", then "Kolmas." */
    private long threeRevisions() {
        long id = documents.createDocument(new Api.CreateDocument("article", null, List.of(new Api.VariantInput("fi",
                "Historia " + System.nanoTime(), null, null, "Ensimmäinen.", null, null, null))), EEVA).id();
        for (String body : List.of("Toinen.", "Kolmas.")) {
            documents.patchVariant(id, "fi", documents.getVariant(id, "fi").version(),
                    new Api.VariantPatch(null, null, null, body, null, null, null), EEVA);
        }
        return id;
    }

    private static String revisions(long id, String lang) {
        return "/desk/documents/" + id + "/" + lang + "/revisions";
    }

    @Test
    void theRevisionsPageListsEveryRevisionWithWhoSavedItAndARestoreFormPerOldOne() {
        long id = threeRevisions();

        HttpResponse<String> page = as("eeva").get(revisions(id, "fi"));

        assertEquals(200, page.statusCode(), page.body());
        for (int n = 1; n <= 3; n++) {
            assertTrue(page.body().contains("id=\"r" + n + "\""), page.body());
        }
        assertTrue(page.body().contains("<td>eeva</td>"), page.body());
        assertTrue(page.body().contains("Restore revision 1"), page.body());
        assertFalse(page.body().contains("Restore revision 3"), "the current revision has nothing to restore");
        assertTrue(as("eeva").get("/desk/documents/" + id).body().contains(revisions(id, "fi")));
    }

    @Test
    void theDiffMarksDeletionsAndInsertionsWithTextLabelsNotOnlyColour() {
        long id = threeRevisions();

        for (String mode : List.of("line", "word")) {
            HttpResponse<String> page = as("eeva").get(revisions(id, "fi") + "/diff?from=1&to=3&mode=" + mode);

            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("<del><span class=\"sr-only\">removed: </span>Ensimmäinen"), page.body());
            assertTrue(page.body().contains("<ins><span class=\"sr-only\">added: </span>Kolmas"), page.body());
        }
    }

    @Test
    void restoringAnOldRevisionMakesItCurrentAsANewRevision() {
        long id = threeRevisions();
        DeskHttp eeva = as("eeva");
        String version = Long.toString(documents.getVariant(id, "fi").version());

        HttpResponse<String> reply = eeva.post(revisions(id, "fi") + "/1/restore",
                form("csrf", eeva.csrf(revisions(id, "fi")), "version", version));

        assertEquals(303, reply.statusCode(), reply.body());
        Api.VariantView now = documents.getVariant(id, "fi");
        assertEquals("Ensimmäinen.", now.body());
        assertEquals(4, now.revision());
        assertEquals(1, documents.listRevisions(id, "fi").get(0).restoredFrom());
        assertTrue(eeva.get(reply.headers().firstValue("Location").orElseThrow()).body()
                .contains("Revision 1 was restored as a new revision."));
    }

    @Test
    void aRestoreOverSomeoneElsesSaveIs412ShowsTheirTextAndOverwritesNothing() {
        long id = threeRevisions();
        DeskHttp eeva = as("eeva");
        String csrf = eeva.csrf(revisions(id, "fi"));
        String loaded = Long.toString(documents.getVariant(id, "fi").version());
        documents.patchVariant(id, "fi", documents.getVariant(id, "fi").version(),
                new Api.VariantPatch(null, null, null, "Erkin teksti.", null, null, null), ERKKI);

        HttpResponse<String> reply = eeva.post(revisions(id, "fi") + "/1/restore", form("csrf", csrf, "version", loaded));

        assertEquals(412, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("Someone else saved this version"), reply.body());
        assertTrue(reply.body().contains("Erkin teksti."), reply.body());
        assertEquals("Erkin teksti.", documents.getVariant(id, "fi").body());
        assertEquals(4, documents.getVariant(id, "fi").revision());
    }

    @Test
    void aRestoreWithoutTheCsrfTokenIs403AndChangesNothing() {
        long id = threeRevisions();
        DeskHttp eeva = as("eeva");
        String version = Long.toString(documents.getVariant(id, "fi").version());

        assertEquals(403, eeva.post(revisions(id, "fi") + "/1/restore", form("version", version)).statusCode());
        assertEquals(403, eeva.post(revisions(id, "fi") + "/1/restore", form("csrf", "x".repeat(43), "version", version))
                .statusCode());
        assertEquals("Kolmas.", documents.getVariant(id, "fi").body());
        assertEquals(3, documents.getVariant(id, "fi").revision());
    }

    @Test
    void badRestoresAndDiffsAre4xxPagesAndChangeNothing() {
        long id = threeRevisions();
        DeskHttp eeva = as("eeva");
        String csrf = eeva.csrf(revisions(id, "fi"));
        String version = Long.toString(documents.getVariant(id, "fi").version());

        assertEquals(400, eeva.post(revisions(id, "fi") + "/1/restore", form("csrf", csrf, "version", "x")).statusCode());
        assertEquals(400, eeva.post(revisions(id, "fi") + "/1/restore", form("csrf", csrf)).statusCode());
        assertEquals(404, eeva.post(revisions(id, "fi") + "/9/restore", form("csrf", csrf, "version", version)).statusCode());
        assertEquals(404, eeva.post(revisions(id, "xx") + "/1/restore", form("csrf", csrf, "version", version)).statusCode());
        assertEquals(3, documents.getVariant(id, "fi").revision());
        HttpResponse<String> bad = eeva.get(revisions(id, "fi") + "/diff?from=a&to=2");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), bad.body());
        assertEquals(400, eeva.get(revisions(id, "fi") + "/diff?to=2").statusCode());
        assertEquals(400, eeva.get(revisions(id, "fi") + "/diff?from=1&to=2&mode=chars").statusCode());
        assertEquals(404, eeva.get(revisions(id, "fi") + "/diff?from=1&to=99").statusCode());
        assertEquals(404, eeva.get(revisions(id + 100000, "fi")).statusCode());
    }

    @Test
    void aTranslatorNeitherReadsNorRestoresTheRevisionsOfAnotherLanguage() {
        long id = threeRevisions();
        DeskHttp tiina = as("tiina");
        String csrf = tiina.csrf("/desk/");
        String version = Long.toString(documents.getVariant(id, "fi").version());

        assertEquals(403, tiina.get(revisions(id, "fi")).statusCode());
        assertEquals(403, tiina.get(revisions(id, "fi") + "/diff?from=1&to=2").statusCode());
        assertEquals(403, tiina.post(revisions(id, "fi") + "/1/restore", form("csrf", csrf, "version", version)).statusCode());
        assertEquals("Kolmas.", documents.getVariant(id, "fi").body());
    }

    @Test
    void theAuditLogOfADocumentSaysWhoDidWhatInTheUsersLanguage() {
        long id = threeRevisions();
        transitions.apply(id, "fi", "submit", null, null, EEVA);
        transitions.apply(id, "fi", "reject", "Lähteet puuttuvat <b>", null, PEKKA);

        HttpResponse<String> page = as("eeva").get("/desk/documents/" + id + "/history");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Submitted for review (draft → in review)"), page.body());
        assertTrue(page.body().contains("<td>pekka</td><td>Rejected"), page.body());
        assertTrue(page.body().contains("Lähteet puuttuvat &lt;b&gt;"), page.body());
        assertTrue(as("eeva").get("/desk/documents/" + id).body().contains("/desk/documents/" + id + "/history"));
    }

    @Test
    void aTranslatorSeesOnlyTheAuditEntriesOfTheirLanguages() {
        long id = threeRevisions();
        documents.createVariant(id, new Api.VariantInput("sv", "Historia på svenska", null, null, "Första.", null, null, null),
                EEVA);

        String page = as("tiina").get("/desk/documents/" + id + "/history").body();

        assertTrue(page.contains("<td>sv</td>"), page);
        assertFalse(page.contains("<td>fi</td>"), page);
    }

    // --- XLIFF ---------------------------------------------------------------------------------------------------

    /** A Finnish article, published, so that it is on the Swedish worklist as missing. */
    private long publishedFinnish(String title) {
        long id = documents.createDocument(new Api.CreateDocument("article", null, List.of(new Api.VariantInput("fi",
                title, null, null, "Ensimmäinen kappale.", null, null, null))), EEVA).id();
        transitions.apply(id, "fi", "submit", null, null, EEVA);
        transitions.apply(id, "fi", "approve", null, null, PEKKA);
        transitions.apply(id, "fi", "publish", null, null, PEKKA);
        return id;
    }

    /** The file with each plain segment translated: "SV " before the source text. */
    private static String translated(String xliff) {
        return xliff.replaceAll("<source>([^<]*)</source>", "<source>$1</source><target>SV $1</target>");
    }

    @Test
    void aTranslatorDownloadsOneDocumentOrTheWholeWorklistAsXliff() {
        long id = publishedFinnish("Käännettävä " + System.nanoTime());
        DeskHttp tiina = as("tiina");

        HttpResponse<String> one = tiina.get("/desk/documents/" + id + "/sv/xliff");
        HttpResponse<String> all = tiina.get("/desk/translations/xliff?lang=sv&state=missing");

        assertEquals(200, one.statusCode(), one.body());
        assertTrue(one.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xliff+xml"));
        assertTrue(one.headers().firstValue("Content-Disposition").orElseThrow().contains("laituri-" + id + "-sv.xlf"));
        assertTrue(one.body().contains("<source>Ensimmäinen kappale.</source>"), one.body());
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(all.body().contains("<source>Ensimmäinen kappale.</source>"), all.body());
        assertTrue(tiina.get("/desk/translations?lang=sv").body().contains("/desk/translations/xliff?lang=sv"));
        assertEquals(403, tiina.get("/desk/documents/" + id + "/selko/xliff").statusCode());
        assertEquals(400, tiina.get("/desk/translations/xliff?lang=fi").statusCode(), "Finnish is no translation");
    }

    @Test
    void uploadingATranslatedFileImportsItAsANewSwedishVersionAndSaysSo() {
        String title = "Tuotava " + System.nanoTime();
        long id = publishedFinnish(title);
        DeskHttp tiina = as("tiina");
        String file = translated(tiina.get("/desk/documents/" + id + "/sv/xliff").body());

        HttpResponse<String> reply = upload(tiina, tiina.csrf("/desk/translations"), "sv", file);

        assertEquals(200, reply.statusCode(), reply.body());
        Api.VariantView sv = documents.getVariant(id, "sv");
        assertEquals("SV " + title, sv.title());
        assertEquals("SV Ensimmäinen kappale.", sv.body().strip());
        assertTrue(reply.body().contains("SV " + title), reply.body());
        assertTrue(reply.body().contains("Imported: each document has a new draft revision"), reply.body());
    }

    @Test
    void aBadOrOversizedFileIsA4xxPageSayingWhyAndImportsNothing() {
        long id = publishedFinnish("Rikki " + System.nanoTime());
        DeskHttp tiina = as("tiina");
        String csrf = tiina.csrf("/desk/translations");
        String file = translated(tiina.get("/desk/documents/" + id + "/sv/xliff").body());

        HttpResponse<String> broken = upload(tiina, csrf, "sv", file.replace("</xliff>", ""));
        HttpResponse<String> wrongLanguage = upload(tiina, csrf, "sv", file.replace("trgLang=\"sv", "trgLang=\"de"));
        HttpResponse<String> noFile = upload(tiina, csrf, "sv", null);
        HttpResponse<String> huge = upload(tiina, csrf, "sv", file.replace("</xliff>", "<!--" + "x".repeat(1_100_000)
                + "--></xliff>"));

        assertEquals(400, broken.statusCode(), broken.body());
        assertTrue(broken.body().contains("well-formed"), broken.body());
        assertTrue(broken.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(400, wrongLanguage.statusCode(), wrongLanguage.body());
        assertEquals(400, noFile.statusCode(), noFile.body());
        assertTrue(noFile.body().contains("Choose an XLIFF file"), noFile.body());
        assertEquals(413, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("too large"), huge.body());
        assertTrue(documents.getDocument(id).variants().stream().noneMatch(v -> v.language().equals("sv")));
    }

    @Test
    void anUploadWithoutTheCsrfTokenOrOutsideOnesLanguagesIsRefusedAndImportsNothing() {
        long id = publishedFinnish("Väärä " + System.nanoTime());
        DeskHttp tiina = as("tiina");
        String file = translated(tiina.get("/desk/documents/" + id + "/sv/xliff").body());

        assertEquals(403, upload(tiina, null, "sv", file).statusCode());
        assertEquals(403, upload(tiina, "x".repeat(43), "sv", file).statusCode());
        assertEquals(403, upload(tiina, tiina.csrf("/desk/translations"), "selko", file).statusCode());
        assertTrue(documents.getDocument(id).variants().stream().noneMatch(v -> v.language().equals("sv")));
    }

    /** The worklist's upload form as a browser sends it: csrf, then the language, then the file. */
    private HttpResponse<String> upload(DeskHttp desk, String csrf, String lang, String file) {
        String boundary = "history-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        if (csrf != null) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n")
                    .append(csrf).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\n")
                .append(lang).append("\r\n");
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(file == null ? "" : "sv.xlf").append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file == null ? new byte[0] : file.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/desk/translations/xliff"))
                .header("Accept", "text/html").header("Cookie", "laituri_desk=" + desk.cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- since the last visit -------------------------------------------------------------------------------------

    @Test
    void theHomePageListsWhatOthersChangedSinceTheLastVisitAndThenMovesTheMark() {
        DeskHttp erkki = as("erkki");
        String first = erkki.get("/desk/").body();
        assertTrue(first.contains("From your next visit on"), first);
        long id = threeRevisions();
        String title = documents.getVariant(id, "fi").title();
        long ownId = documents.createDocument(new Api.CreateDocument("page", null, List.of(new Api.VariantInput("fi",
                "Erkin oma " + System.nanoTime(), null, null, "Teksti.", null, null, null))), ERKKI).id();

        String second = erkki.get("/desk/").body();
        String third = erkki.get("/desk/").body();

        assertTrue(second.contains("<a href=\"/desk/documents/" + id + "/history\">" + title + "</a>"), second);
        assertTrue(second.contains("<td>eeva</td>"), second);
        assertTrue(second.contains("Edited (2)"), second);
        assertFalse(second.contains("/desk/documents/" + ownId + "/history"), "one's own changes are not news");
        assertFalse(third.contains("/desk/documents/" + id + "/history"), third);
        assertTrue(third.contains("Nobody else has changed anything since your last visit"), third);
    }

    @Test
    void aTranslatorIsToldOnlyOfChangesInTheirLanguages() {
        DeskHttp tiina = as("tiina");
        tiina.get("/desk/");
        long id = threeRevisions();
        documents.createVariant(id, new Api.VariantInput("sv", "Nyhet " + System.nanoTime(), null, null, "Text.", null,
                null, null), EEVA);
        long finnishOnly = threeRevisions();

        String page = tiina.get("/desk/").body();

        assertTrue(page.contains("/desk/documents/" + id + "/history"), page);
        assertFalse(page.contains("/desk/documents/" + finnishOnly + "/history"), page);
        assertTrue(audit.find(new AuditLog.Query(finnishOnly, null, null, null, 1, 10, null)).total() > 0);
    }
}
