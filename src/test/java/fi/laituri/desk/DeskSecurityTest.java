package fi.laituri.desk;

import fi.laituri.ApiTest;
import fi.laituri.content.Documents;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static fi.laituri.desk.DeskHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's sign-in and forms against hostile use: a planted session id (fixation), forms without or with a wrong
 * CSRF token, guessing passwords, the cookie's attributes, and the API, which never takes the desk's cookie.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskSecurityTest extends ApiTest {

    private static final String PASSWORD = "pitkä salasana 1";

    @Inject
    EmbeddedServer server;

    @Inject
    Passwords passwords;

    @Inject
    Documents documents;

    @Inject
    fi.laituri.security.Sessions sessions;

    @Inject
    fi.laituri.media.Media media;

    @Inject
    fi.laituri.workflow.Transitions transitions;

    private final fi.laituri.TestClock clock = new fi.laituri.TestClock();

    @io.micronaut.test.annotation.MockBean(java.time.Clock.class)
    java.time.Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.security.throttle.burst", "5");
    }

    @BeforeAll
    void staff() {
        for (String[] u : List.of(new String[]{"eeva", "editor"}, new String[]{"pekka", "publisher"},
                new String[]{"tiina", "translator"})) {
            users.add(u[0], Role.parse(u[1]).orElseThrow(), u[1].equals("translator") ? List.of("sv") : List.of());
            passwords.set(u[0], PASSWORD, "test");
        }
    }

    private DeskHttp desk() {
        return new DeskHttp(server.getURL().toString());
    }

    @Test
    void notSignedInABrowserIsSentToTheSignInPage() {
        HttpResponse<String> reply = desk().get("/desk/documents");

        assertEquals(303, reply.statusCode());
        assertEquals("/desk/sign-in", reply.headers().firstValue("Location").orElseThrow());
        assertEquals(200, desk().get("/desk/sign-in").statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlySecureAndSameSiteStrictOnTheDeskOnly() {
        HttpResponse<String> reply = desk().signIn("eeva", PASSWORD);

        assertEquals(303, reply.statusCode(), reply.body());
        String cookie = reply.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/desk"), cookie);
    }

    @Test
    void signingInGivesANewSessionIdSoAPlantedOneIsWorthNothing() {
        DeskHttp victim = desk();
        String planted = "A".repeat(43);
        victim.cookie = planted;

        victim.signIn("eeva", PASSWORD);

        assertNotEquals(planted, victim.cookie);
        assertEquals(200, victim.get("/desk/").statusCode());
        DeskHttp attacker = desk();
        attacker.cookie = planted;
        assertEquals(303, attacker.get("/desk/").statusCode());
    }

    @Test
    void signingInAgainEndsTheSessionTheBrowserHadBefore() {
        DeskHttp browser = desk();
        browser.signIn("eeva", PASSWORD);
        String before = browser.cookie;

        browser.signIn("eeva", PASSWORD);

        assertNotEquals(before, browser.cookie);
        DeskHttp old = desk();
        old.cookie = before;
        assertEquals(303, old.get("/desk/").statusCode());
    }

    @Test
    void aFormWithoutOrWithAWrongCsrfTokenIs403AndCreatesNothing() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);
        long before = documents.countDocuments();
        Map<String, String> article = form("kind", "article", "language", "fi", "title", "Väärennetty", "body", "x");

        HttpResponse<String> without = eeva.post("/desk/documents", article);
        Map<String, String> wrong = new java.util.HashMap<>(article);
        wrong.put("csrf", "x".repeat(43));
        HttpResponse<String> forged = eeva.post("/desk/documents", wrong);

        assertEquals(403, without.statusCode(), without.body());
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(without.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(before, documents.countDocuments());
    }

    @Test
    void theSameFormWithTheSessionsTokenCreatesTheDocument() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);
        long before = documents.countDocuments();
        Map<String, String> article = form("kind", "article", "language", "fi", "title", "Oikea " + System.nanoTime(),
                "body", "Teksti.", "csrf", eeva.csrf("/desk/documents/new"));

        HttpResponse<String> reply = eeva.post("/desk/documents", article);

        assertEquals(303, reply.statusCode(), reply.body());
        assertEquals(before + 1, documents.countDocuments());
    }

    @Test
    void anUploadWithoutTheTokenIs403AndStoresNothing() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);
        int before = media.list().size();

        HttpResponse<String> without = eeva.upload("/desk/media", null, "luvaton.png", fi.laituri.media.TestFiles.image("png", 20, 10));
        HttpResponse<String> forged = eeva.upload("/desk/media", "y".repeat(43), "luvaton.png", fi.laituri.media.TestFiles.image("png", 20, 10));
        HttpResponse<String> right = eeva.upload("/desk/media", eeva.csrf("/desk/media"), "luvallinen.png",
                fi.laituri.media.TestFiles.image("png", 20, 10));

        assertEquals(403, without.statusCode());
        assertEquals(403, forged.statusCode());
        assertEquals(303, right.statusCode(), right.body());
        assertEquals(before + 1, media.list().size());
    }

    @Test
    void anEditWithoutTheTokenLeavesTheTextAsItWas() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);
        HttpResponse<String> created = eeva.post("/desk/documents", form("kind", "page", "language", "fi",
                "title", "Koskematon " + System.nanoTime(), "body", "Alkuperäinen.", "csrf", eeva.csrf("/desk/documents/new")));
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.replaceAll("^/desk/documents/(\\d+).*$", "$1"));

        HttpResponse<String> reply = eeva.post("/desk/documents/" + id + "/fi/edit",
                form("version", "0", "title", "Muutettu", "body", "Väärennetty."));

        assertEquals(403, reply.statusCode());
        assertEquals("Alkuperäinen.", documents.getVariant(id, "fi").body());
    }

    @Test
    void aSaveOverSomeoneElsesShowsBothTextsAndOverwritesNothing() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);
        DeskHttp other = desk();
        other.signIn("eeva", PASSWORD);
        String location = eeva.post("/desk/documents", form("kind", "page", "language", "fi", "title", "Yhteinen "
                + System.nanoTime(), "body", "Alku.", "csrf", eeva.csrf("/desk/documents/new"))).headers()
                .firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.replaceAll("^/desk/documents/(\\d+).*$", "$1"));
        String version = Long.toString(documents.getVariant(id, "fi").version());

        HttpResponse<String> first = other.post("/desk/documents/" + id + "/fi/edit", form("csrf", other.csrf("/desk/"),
                "version", version, "title", "Yhteinen", "body", "Ensimmäisen teksti."));
        HttpResponse<String> second = eeva.post("/desk/documents/" + id + "/fi/edit", form("csrf", eeva.csrf("/desk/"),
                "version", version, "title", "Yhteinen", "body", "Toisen teksti."));

        assertEquals(303, first.statusCode(), first.body());
        assertEquals(412, second.statusCode());
        assertTrue(second.body().contains("Ensimmäisen teksti."), second.body());
        assertTrue(second.body().contains("Toisen teksti."), second.body());
        assertEquals("Ensimmäisen teksti.", documents.getVariant(id, "fi").body());
    }

    @Test
    void anExpiredSessionLetsNoOneInAndIsForgotten() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);
        assertEquals(200, eeva.get("/desk/").statusCode());

        clock.advance(java.time.Duration.ofHours(5));

        assertEquals(303, eeva.get("/desk/").statusCode());
        assertTrue(sessions.purge() >= 1);
    }

    @Test
    void aTranslatorMarksAnOutdatedTranslationUpToDateWithTheReason() {
        fi.laituri.security.Actor editor = new fi.laituri.security.Actor("eeva", Role.EDITOR, java.util.Set.of());
        fi.laituri.security.Actor publisher = new fi.laituri.security.Actor("pekka", Role.PUBLISHER, java.util.Set.of());
        long id = documents.createDocument(new fi.laituri.content.Api.CreateDocument("page", null, List.of(
                new fi.laituri.content.Api.VariantInput("fi", "Lähde " + System.nanoTime(), null, null, "Eka.", null, null, null),
                new fi.laituri.content.Api.VariantInput("sv", "Källa", null, null, "Första.", null, null, null))), editor).id();
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                documents.patchVariant(id, "fi", documents.getVariant(id, "fi").version(), new fi.laituri.content.Api.VariantPatch(
                        null, null, null, "Eka, korjattu.", null, null, null), editor);
            }
            for (String[] step : new String[][]{{"submit", "eeva"}, {"approve", "pekka"}, {"publish", "pekka"}}) {
                transitions.apply(id, "fi", step[0], null, null, step[1].equals("eeva") ? editor : publisher);
            }
        }
        DeskHttp tiina = desk();
        tiina.signIn("tiina", PASSWORD);
        assertTrue(tiina.get("/desk/documents/" + id + "/sv/edit").body().contains("/up-to-date"));

        HttpResponse<String> reply = tiina.post("/desk/documents/" + id + "/sv/up-to-date",
                form("csrf", tiina.csrf("/desk/"), "comment", "Ruotsissa sama asia jo sanottu"));

        assertEquals(303, reply.statusCode(), reply.body());
        assertFalse(tiina.get("/desk/documents/" + id + "/sv/edit").body().contains("/up-to-date"));
    }

    @Test
    void signOutNeedsTheTokenTooAndEndsTheSession() {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);

        assertEquals(403, eeva.post("/desk/sign-out", form()).statusCode());
        assertEquals(200, eeva.get("/desk/").statusCode());
        assertEquals(303, eeva.post("/desk/sign-out", form("csrf", eeva.csrf("/desk/"))).statusCode());
        assertEquals(303, eeva.get("/desk/").statusCode());
    }

    @Test
    void signingOutEverywhereEndsTheUsersSessionsOnEveryDevice() {
        DeskHttp phone = desk();
        DeskHttp laptop = desk();
        phone.signIn("pekka", PASSWORD);
        laptop.signIn("pekka", PASSWORD);

        laptop.post("/desk/sign-out-everywhere", form("csrf", laptop.csrf("/desk/account")));

        assertEquals(303, phone.get("/desk/").statusCode());
        assertEquals(303, laptop.get("/desk/").statusCode());
    }

    @Test
    void theApiNeverTakesTheDesksCookie() throws Exception {
        DeskHttp eeva = desk();
        eeva.signIn("eeva", PASSWORD);

        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/api/v1/documents")).header("Cookie", "laituri_desk=" + eeva.cookie).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, reply.statusCode());
    }

    @Test
    void aRoleWithoutThePermissionGetsAPageSayingSo() {
        DeskHttp tiina = desk();
        tiina.signIn("tiina", PASSWORD);

        HttpResponse<String> reply = tiina.get("/desk/users");

        assertEquals(403, reply.statusCode());
        assertTrue(reply.body().contains("<h1>"), reply.body());
    }

    @Test
    void changingOnesPasswordNeedsTheCurrentOne() {
        users.add("vaihtaja", Role.EDITOR, List.of());
        passwords.set("vaihtaja", PASSWORD, "test");
        DeskHttp user = desk();
        user.signIn("vaihtaja", PASSWORD);

        HttpResponse<String> wrong = user.post("/desk/account/password", form("csrf", user.csrf("/desk/account"),
                "current", "arvaus arvaus", "password", "uusi salasana 2", "repeat", "uusi salasana 2"));
        HttpResponse<String> right = user.post("/desk/account/password", form("csrf", user.csrf("/desk/account"),
                "current", PASSWORD, "password", "uusi salasana 2", "repeat", "uusi salasana 2"));

        assertEquals(400, wrong.statusCode());
        assertEquals(200, right.statusCode(), right.body());
        assertTrue(passwords.check("vaihtaja", "uusi salasana 2").isPresent());
        assertFalse(passwords.check("vaihtaja", PASSWORD).isPresent());
    }

    /** Last: it spends this address's sign-in failures. */
    @Test
    @Order(Integer.MAX_VALUE)
    void wrongPasswordsAreRefusedAlikeAndRepeatedFailuresAreThrottled() {
        DeskHttp guesser = desk();
        HttpResponse<String> wrongPassword = guesser.signIn("eeva", "väärä salasana");
        HttpResponse<String> unknownUser = guesser.signIn("ei-ketään", "väärä salasana");

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownUser.statusCode());
        assertTrue(DeskHttp.setCookie(wrongPassword).isEmpty());
        int status = 0;
        for (int i = 0; i < 5 && status != 429; i++) {
            status = guesser.signIn("eeva", "väärä salasana " + i).statusCode();
        }
        assertEquals(429, status);
        assertEquals(429, guesser.signIn("eeva", PASSWORD).statusCode());
    }
}
