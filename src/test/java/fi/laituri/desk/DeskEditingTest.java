package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.DomainException;
import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fi.laituri.desk.DeskHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's editing aids over HTTP: authors (list, add, change, remove, and the refusals), the bylines chosen on the
 * edit page, the {@code doc:} link picker's results, and the Content-Security-Policy that lets the desk's own script
 * run and nothing else.
 */
@MicronautTest(transactional = false)
class DeskEditingTest extends ApiTest {

    private static final String PASSWORD = "pitkä salasana 1";
    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());

    @Inject
    EmbeddedServer server;

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    Authors authors;

    @BeforeAll
    void staff() {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"pekka", "publisher"},
                new String[]{"tiina", "translator"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), u[1].equals("translator") ? List.of("sv") : List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
    }

    private DeskHttp as(String name) {
        DeskHttp desk = new DeskHttp(server.getURL().toString());
        desk.signIn(name, PASSWORD);
        return desk;
    }

    private static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }

    private String author(String name) {
        return authors.createAuthor(new Api.AuthorInput(null, name, null, null), EDITOR).id();
    }

    private long document(String title, List<String> bylines) {
        return documents.createDocument(new Api.CreateDocument("blog_post", null, List.of(new Api.VariantInput("fi", title,
                null, null, "Teksti.", null, bylines, null))), EDITOR).id();
    }

    @Test
    void anEditorAddsAnAuthorWhoIsThenListedAndKnownToTheApi() {
        DeskHttp eeva = as("eeva");
        String name = "Varpu Taarna " + unique();

        HttpResponse<String> reply = eeva.post("/desk/authors", form("csrf", eeva.csrf("/desk/authors"), "name", name,
                "title", "erityisasiantuntija", "organisation", "TEM"));

        assertEquals(303, reply.statusCode(), reply.body());
        String location = reply.headers().firstValue("Location").orElseThrow();
        String id = location.replaceAll("^/desk/authors/([^?]+)\\?done=created$", "$1");
        assertEquals(name, authors.getAuthor(id).name());
        assertEquals("TEM", authors.getAuthor(id).organisation());
        assertTrue(eeva.get(location).body().contains("Author added."));
        assertTrue(eeva.get("/desk/authors").body().contains(name));
    }

    @Test
    void anEditorChangesAnAuthorFromItsCurrentVersion() {
        String id = author("Vanha Nimi " + unique());
        DeskHttp eeva = as("eeva");

        HttpResponse<String> reply = eeva.post("/desk/authors/" + id, form("csrf", eeva.csrf("/desk/authors/" + id),
                "version", Long.toString(authors.getAuthor(id).version()), "name", "Uusi Nimi", "title", "asiantuntija"));

        assertEquals(303, reply.statusCode(), reply.body());
        assertEquals("Uusi Nimi", authors.getAuthor(id).name());
        assertEquals("asiantuntija", authors.getAuthor(id).title());
    }

    @Test
    void aChangeMadeFromAnOldVersionIs412KeepsTheFormAndChangesNothing() {
        String id = author("Alkuperäinen " + unique());
        long old = authors.getAuthor(id).version();
        authors.updateAuthor(id, old, new Api.AuthorInput(null, "Ensimmäinen muutos", null, null), EDITOR);
        DeskHttp eeva = as("eeva");

        HttpResponse<String> reply = eeva.post("/desk/authors/" + id, form("csrf", eeva.csrf("/desk/authors/" + id),
                "version", Long.toString(old), "name", "Toinen muutos"));

        assertEquals(412, reply.statusCode());
        assertTrue(reply.body().contains("value=\"Toinen muutos\""), reply.body());
        assertEquals("Ensimmäinen muutos", authors.getAuthor(id).name());
    }

    @Test
    void removingAnAuthorNamedOnAVersionIsA409PageAndTheAuthorStays() {
        String id = author("Bloggaaja " + unique());
        document("Blogikirjoitus " + unique(), List.of(id));
        DeskHttp eeva = as("eeva");

        HttpResponse<String> reply = eeva.post("/desk/authors/" + id + "/delete", form("csrf", eeva.csrf("/desk/authors/" + id),
                "version", Long.toString(authors.getAuthor(id).version())));

        assertEquals(409, reply.statusCode());
        assertTrue(reply.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(reply.body().contains("The author is named on content and was not removed."), reply.body());
        assertEquals(id, authors.getAuthor(id).id());
    }

    @Test
    void removingAnAuthorNamedNowhereRemovesIt() {
        String id = author("Poistuva " + unique());
        DeskHttp eeva = as("eeva");

        HttpResponse<String> reply = eeva.post("/desk/authors/" + id + "/delete", form("csrf", eeva.csrf("/desk/authors/" + id),
                "version", Long.toString(authors.getAuthor(id).version())));

        assertEquals(303, reply.statusCode(), reply.body());
        assertEquals("/desk/authors?done=deleted", reply.headers().firstValue("Location").orElseThrow());
        DomainException gone = assertThrows(DomainException.class, () -> authors.getAuthor(id));
        assertEquals(DomainException.Kind.NOT_FOUND, gone.kind());
    }

    @Test
    void aPublisherSeesTheAuthorsButMayNotAddChangeOrRemoveThem() {
        String id = author("Pysyvä " + unique());
        DeskHttp pekka = as("pekka");
        int before = authors.listAuthors().size();
        String csrf = pekka.csrf("/desk/");
        String version = Long.toString(authors.getAuthor(id).version());

        HttpResponse<String> list = pekka.get("/desk/authors");
        HttpResponse<String> add = pekka.post("/desk/authors", form("csrf", csrf, "name", "Luvaton"));
        HttpResponse<String> change = pekka.post("/desk/authors/" + id, form("csrf", csrf, "version", version, "name", "Luvaton"));
        HttpResponse<String> remove = pekka.post("/desk/authors/" + id + "/delete", form("csrf", csrf, "version", version));

        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains("action=\"/desk/authors\""), list.body());
        assertEquals(403, add.statusCode());
        assertEquals(403, change.statusCode());
        assertEquals(403, remove.statusCode());
        assertEquals(before, authors.listAuthors().size());
        assertTrue(authors.getAuthor(id).name().startsWith("Pysyvä"));
    }

    @Test
    void authorFormsWithoutTheSessionsCsrfTokenAre403AndChangeNothing() {
        String id = author("Koskematon " + unique());
        DeskHttp eeva = as("eeva");
        int before = authors.listAuthors().size();
        String version = Long.toString(authors.getAuthor(id).version());

        HttpResponse<String> add = eeva.post("/desk/authors", form("name", "Väärennetty"));
        HttpResponse<String> change = eeva.post("/desk/authors/" + id, form("csrf", "x".repeat(43), "version", version,
                "name", "Väärennetty"));
        HttpResponse<String> remove = eeva.post("/desk/authors/" + id + "/delete", form("version", version));

        assertEquals(403, add.statusCode());
        assertEquals(403, change.statusCode());
        assertEquals(403, remove.statusCode());
        assertEquals(before, authors.listAuthors().size());
        assertTrue(authors.getAuthor(id).name().startsWith("Koskematon"));
    }

    @Test
    void anAuthorWithoutANameOrWithAnIdThatIsNotASlugIs400AndTheFormIsKept() {
        DeskHttp eeva = as("eeva");
        int before = authors.listAuthors().size();
        String csrf = eeva.csrf("/desk/authors");

        HttpResponse<String> nameless = eeva.post("/desk/authors", form("csrf", csrf, "name", "  ", "title", "nimetön"));
        HttpResponse<String> badId = eeva.post("/desk/authors", form("csrf", csrf, "id", "../Root", "name", "Murtautuja"));
        HttpResponse<String> badVersion = eeva.post("/desk/authors/" + author("Versio " + unique()),
                form("csrf", csrf, "version", "uusin", "name", "Muu"));

        assertEquals(400, nameless.statusCode());
        assertTrue(nameless.body().contains("value=\"nimetön\""), nameless.body());
        assertEquals(400, badId.statusCode());
        assertTrue(badId.body().contains("value=\"Murtautuja\""), badId.body());
        assertEquals(400, badVersion.statusCode());
        assertEquals(before + 1, authors.listAuthors().size());
        assertEquals(404, eeva.get("/desk/authors/no-such-author-" + unique()).statusCode());
    }

    @Test
    void theBylinesTickedOnTheEditPageAreSavedAndAFormWithoutThemLeavesThemAsTheyWere() {
        String first = author("Ensimmäinen " + unique());
        String second = author("Toinen " + unique());
        long id = document("Kahden kirjoittajan " + unique(), List.of());
        DeskHttp eeva = as("eeva");
        String edit = "/desk/documents/" + id + "/fi/edit";
        assertTrue(eeva.get(edit).body().contains("name=\"authors\" value=\"" + first + "\""));

        HttpResponse<String> both = postBody(eeva, edit, "csrf=" + eeva.csrf(edit) + "&version=" + version(id)
                + "&title=Otsikko&body=Teksti.&bylines=1&authors=" + first + "&authors=" + second);
        List<String> afterBoth = bylines(id);
        HttpResponse<String> untouched = eeva.post(edit, form("csrf", eeva.csrf(edit), "version", version(id),
                "title", "Otsikko", "body", "Teksti muuttui."));
        List<String> afterUntouched = bylines(id);
        HttpResponse<String> none = eeva.post(edit, form("csrf", eeva.csrf(edit), "version", version(id), "title", "Otsikko",
                "body", "Teksti.", "bylines", "1"));

        assertEquals(303, both.statusCode(), both.body());
        assertEquals(List.of(first, second), afterBoth);
        assertEquals(303, untouched.statusCode(), untouched.body());
        assertEquals(List.of(first, second), afterUntouched);
        assertEquals(303, none.statusCode(), none.body());
        assertEquals(List.of(), bylines(id));
    }

    @Test
    void aTranslationNotYetMadeStartsWithTheBylinesOfItsSource() {
        String author = author("Lähteen kirjoittaja " + unique());
        long id = document("Käännettävä " + unique(), List.of(author));
        DeskHttp eeva = as("eeva");
        String edit = "/desk/documents/" + id + "/sv/edit";

        String page = eeva.get(edit).body();
        HttpResponse<String> reply = postBody(eeva, edit, "csrf=" + eeva.csrf(edit) + "&version=&title=Översatt"
                + "&body=Text.&bylines=1&authors=" + author);

        assertTrue(page.contains("name=\"authors\" value=\"" + author + "\" checked"), page);
        assertEquals(303, reply.statusCode(), reply.body());
        assertEquals(List.of(author), documents.getVariant(id, "sv").authors().stream().map(Api.AuthorView::id).toList());
    }

    @Test
    void aBylineNamingNoKnownAuthorIs400AndSavesNothing() {
        long id = document("Tuntematon kirjoittaja " + unique(), List.of());
        DeskHttp eeva = as("eeva");
        String edit = "/desk/documents/" + id + "/fi/edit";

        HttpResponse<String> reply = eeva.post(edit, form("csrf", eeva.csrf(edit), "version", version(id),
                "title", "Otsikko", "body", "Muutettu.", "bylines", "1", "authors", "ei-ole-" + unique()));

        assertEquals(400, reply.statusCode());
        assertTrue(reply.body().contains("Muutettu."), reply.body());
        assertEquals("Teksti.", documents.getVariant(id, "fi").body());
        assertEquals(List.of(), bylines(id));
    }

    @Test
    void theLinkPickerListsTheDocumentsFoundWithTheReferenceToPutInTheText() {
        String word = "laiturilinkki" + unique();
        long target = document("Kohde " + word, List.of());
        long id = document("Lähtö " + unique(), List.of());
        String key = documents.getDocument(target).key();
        DeskHttp eeva = as("eeva");

        HttpResponse<String> found = eeva.get("/desk/documents/" + id + "/fi/edit?find=" + word);
        HttpResponse<String> nothing = eeva.get("/desk/documents/" + id + "/fi/edit?find=eiloydy" + unique());
        HttpResponse<String> hostile = eeva.get("/desk/documents/" + id + "/fi/edit?find="
                + URLEncoder.encode("<script>window.pwned=1</script>" + "x".repeat(400), StandardCharsets.UTF_8));

        assertEquals(200, found.statusCode());
        assertTrue(found.body().contains("[Kohde " + word + "](doc:" + key + ")"), found.body());
        assertEquals(200, nothing.statusCode());
        assertTrue(nothing.body().contains("No documents found."), nothing.body());
        assertEquals(200, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>window.pwned"), hostile.body());
    }

    @Test
    void theLinkPickerShowsATranslatorNoVersionsOfLanguagesNotTheirs() {
        String word = "suomeksivain" + unique();
        document("Vain suomeksi " + word, List.of());
        long id = documents.createDocument(new Api.CreateDocument("page", null, List.of(
                new Api.VariantInput("fi", "Lähde " + unique(), null, null, "Eka.", null, null, null),
                new Api.VariantInput("sv", "Källa " + unique(), null, null, "Första.", null, null, null))), EDITOR).id();
        DeskHttp tiina = as("tiina");

        HttpResponse<String> reply = tiina.get("/desk/documents/" + id + "/sv/edit?find=" + word);

        assertEquals(200, reply.statusCode());
        assertFalse(reply.body().contains("Vain suomeksi " + word), reply.body());
    }

    @Test
    void deskPagesLetTheDesksOwnScriptRunAndNothingElse() {
        long id = document("Käsikirjoitus " + unique(), List.of());
        DeskHttp eeva = as("eeva");

        HttpResponse<String> page = eeva.get("/desk/documents/" + id + "/fi/edit");
        HttpResponse<String> script = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL()
                + "/desk/assets/desk.js")).header("Accept", "*/*").build());

        assertEquals("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
                page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals(page.headers().firstValue("Content-Security-Policy"),
                eeva.get("/desk/authors").headers().firstValue("Content-Security-Policy"));
        assertTrue(page.body().contains("<script src=\"/desk/assets/desk.js\" defer></script>"));
        assertFalse(page.body().matches("(?s).*<script(?![^>]*\\ssrc=\"/desk/assets/desk\\.js\").*"), "an inline script");
        assertFalse(page.body().matches("(?s).*\\son[a-z]+=.*"), "an event attribute");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(script.body().contains("localStorage"));
    }

    /** A form with a field given twice (two ticked boxes of one name), which {@link DeskHttp#post} cannot send. */
    private HttpResponse<String> postBody(DeskHttp desk, String path, String body) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + path))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "laituri_desk=" + desk.cookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String version(long id) {
        return Long.toString(documents.getVariant(id, "fi").version());
    }

    private List<String> bylines(long id) {
        return documents.getVariant(id, "fi").authors().stream().map(Api.AuthorView::id).toList();
    }
}
