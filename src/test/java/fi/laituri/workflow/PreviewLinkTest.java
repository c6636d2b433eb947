package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class PreviewLinkTest extends ApiTest {

    /** Elements a keyboard user can tab to; tabindex="-1" is not one of them. */
    private static final Pattern FOCUSABLE = Pattern.compile(
            "<(?:a\\b[^>]*\\bhref=|button\\b|input\\b|select\\b|textarea\\b|summary\\b|iframe\\b"
                    + "|[a-z][a-z0-9]*\\b[^>]*\\btabindex=\"[0-9])[^>]*>");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));


    ApiClient editor;
    ApiClient anonymous;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
        anonymous = new ApiClient(client, null);
    }

    @Test
    void anAnonymousReaderSeesTheDraftsTitleAndBodyRenderedWithTheSiteTemplates() {
        long id = article(variant("fi", "Kotoutumisviikko", "body", "## Ohjelma\n\nMaanantaina **avajaiset**."));

        ApiClient.Reply preview = anonymous.get(previewUrl(id, "fi"));

        assertEquals(200, preview.status());
        assertTrue(preview.contentType().startsWith("text/html"), preview.contentType());
        assertTrue(preview.text().startsWith("<!DOCTYPE html>"), preview.text());
        // Long words of headings carry soft hyphens.
        assertTrue(preview.text().replace("\u00ad", "").contains("<h1>Kotoutumisviikko</h1>"), preview.text());
        assertTrue(preview.text().contains("<p>Maanantaina <strong>avajaiset</strong>.</p>"), preview.text());
        assertTrue(preview.text().contains("Esikatselu – ei julkaistu"), preview.text());
    }

    @Test
    void thePreviewIsNoindexInItsHeadAndHeadersAndIsNeitherCachedNorReferred() {
        long id = article(variant("fi", "Ei hakukoneisiin"));

        ApiClient.Reply preview = anonymous.get(previewUrl(id, "fi"));

        assertTrue(preview.text().contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), preview.text());
        assertEquals("noindex, nofollow", preview.headers().get("X-Robots-Tag"));
        assertEquals("no-store", preview.headers().get("Cache-Control"));
        assertEquals("no-referrer", preview.headers().get("Referrer-Policy"));
    }

    @Test
    void theFinnishPreviewSaysItIsInFinnish() {
        long id = article(variant("fi", "Suomeksi"));

        ApiClient.Reply preview = anonymous.get(previewUrl(id, "fi"));

        assertTrue(preview.text().contains("<html lang=\"fi\">"), preview.text());
    }

    @Test
    void aSwedishVariantIsPreviewedInSwedish() {
        long id = article(variant("fi", "Ohjelma suomeksi"), variant("sv", "Programmet på svenska"));

        ApiClient.Reply preview = anonymous.get(previewUrl(id, "sv"));

        assertTrue(preview.text().contains("<html lang=\"sv\">"), preview.text());
        // Long words of headings carry soft hyphens.
        assertTrue(preview.text().replace("\u00ad", "").contains("<h1>Programmet på svenska</h1>"), preview.text());
        assertTrue(preview.text().contains(">Hoppa till innehåll</a>"), preview.text());
        assertTrue(preview.text().contains("Förhandsvisning – inte publicerad"), preview.text());
        assertFalse(preview.text().contains("Ohjelma suomeksi"), preview.text());
    }

    @Test
    void aSelkoVariantIsPreviewedAsFinnishWithTheFinnishBanner() {
        long id = article(variant("fi", "Yleiskielellä"), variant("selko", "Selkokielellä"));

        ApiClient.Reply preview = anonymous.get(previewUrl(id, "selko"));

        assertTrue(preview.text().contains("<html lang=\"fi\">"), preview.text());
        // Long words of headings carry soft hyphens.
        assertTrue(preview.text().replace("\u00ad", "").contains("<h1>Selkokielellä</h1>"), preview.text());
        assertTrue(preview.text().contains("Esikatselu – ei julkaistu"), preview.text());
    }

    @Test
    void theSkipLinkIsTheFirstFocusableElementAndLeadsToTheMainContent() {
        long id = article(variant("fi", "Linkkejä", "body", "Katso [ohjeet](https://example.org/ohjeet)."));

        String html = anonymous.get(previewUrl(id, "fi")).text();

        Matcher first = FOCUSABLE.matcher(html);
        assertTrue(first.find(), html);
        assertEquals("<a class=\"skip-link\" href=\"#content\">", first.group());
        assertTrue(html.contains(first.group() + "Hyppää sisältöön</a>"), html);
        assertEquals(1, count(html, "id=\"content\""), html);
        assertTrue(html.contains("<main id=\"content\" tabindex=\"-1\">"), html);
        assertEquals(1, count(html, "<h1"), html);
    }

    @Test
    void htmlInTheDraftIsShownAsTextNotRun() {
        long id = article(variant("fi", "Otsikko <script>alert(1)</script>",
                "body", "Teksti <script>alert(2)</script>\n\n<img src=x onerror=alert(3)>"));

        String html = anonymous.get(previewUrl(id, "fi")).text();

        assertFalse(html.contains("<script"), html);
        assertFalse(html.replace("<img class=\"site-logo\"", "").contains("<img"), "only the logo is an image: " + html);
        assertTrue(html.contains("<h1>Otsikko &lt;script&gt;alert(1)&lt;/script&gt;</h1>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), html);
    }

    @Test
    void editingTheDraftChangesWhatThePreviewShows() {
        long id = article(variant("fi", "Ensimmäinen otsikko", "body", "Vanha teksti."));
        String url = previewUrl(id, "fi");
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply saved = editor.patch(variantUri(id, "fi"),
                Map.of("title", "Toinen otsikko", "body", "Uusi teksti."), etag);

        assertEquals(200, saved.status(), saved.text());
        String html = anonymous.get(url).text();
        assertTrue(html.contains("<h1>Toinen otsikko</h1>"), html);
        assertTrue(html.contains("Uusi teksti."), html);
        assertFalse(html.contains("Vanha teksti."), html);
    }

    @Test
    void aLinkWorksUntilItExpiresAndIs404FromThenOn() {
        long id = article(variant("fi", "Vanhenee"));
        String url = link(id, "fi", Map.of("expiresInDays", 2)).get("url");

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertEquals(200, anonymous.get(url).status());

        clock.advance(Duration.ofSeconds(1));
        ApiClient.Reply expired = anonymous.get(url);
        assertEquals(404, expired.status());
        assertTrue(expired.contentType().startsWith("application/problem+json"), expired.contentType());
    }

    @Test
    void aNewLinkLastsSevenDaysByDefault() {
        long id = article(variant("fi", "Oletusaika"));
        Instant now = clock.instant();

        ApiClient.Reply created = editor.post(linksUri(id, "fi"), null);

        assertEquals(201, created.status(), created.text());
        assertEquals(now.plus(Duration.ofDays(7)).toString(), created.get("expiresAt"));
    }

    @Test
    void expiresInDaysSetsTheLifetime() {
        long id = article(variant("fi", "Pitkä aika"));
        Instant now = clock.instant();

        ApiClient.Reply created = link(id, "fi", Map.of("expiresInDays", 90));

        assertEquals(now.plus(Duration.ofDays(90)).toString(), created.get("expiresAt"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 91, 365})
    void expiresInDaysOutsideOneToNinetyIsA400AndMakesNoLink(int days) {
        long id = article(variant("fi", "Väärä aika " + days));

        ApiClient.Reply refused = editor.post(linksUri(id, "fi"), Map.of("expiresInDays", days));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("expiresInDays", refused.get("errors.0.field"));
        assertEquals(List.of(), editor.get(linksUri(id, "fi")).list());
    }

    @Test
    void theReplyToCreatingALinkCarriesTheTokenAndTheUrlMadeOfIt() {
        long id = article(variant("fi", "Tunniste"));

        ApiClient.Reply created = link(id, "fi", Map.of());

        String token = created.get("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals("/preview/" + token, created.get("url"));
        assertNotNull(created.get("id"));
        assertEquals("no-store", created.headers().get("Cache-Control"));
    }

    @Test
    void theListNamesEachLinkWithoutItsToken() {
        long id = article(variant("fi", "Luettelo"));
        ApiClient.Reply first = link(id, "fi", Map.of());
        ApiClient.Reply second = link(id, "fi", Map.of("expiresInDays", 3));

        ApiClient.Reply listed = editor.get(linksUri(id, "fi"));

        assertEquals(200, listed.status());
        assertEquals(List.of(second.get("id"), first.get("id")), listed.list().stream().map(l -> ((Map<?, ?>) l).get("id")).toList());
        assertEquals(Set.of("id", "createdBy", "createdAt", "expiresAt", "revokedAt"), ((Map<?, ?>) listed.list().get(0)).keySet());
        assertTrue(((String) listed.get("0.createdBy")).startsWith("editor-"), listed.text());
        assertEquals(clock.instant().toString(), listed.get("0.createdAt"));
        assertEquals((Object) second.get("expiresAt"), listed.get("0.expiresAt"));
        assertNull(listed.get("0.revokedAt"));
        assertFalse(listed.text().contains((String) first.get("token")), listed.text());
        assertFalse(listed.text().contains((String) second.get("token")), listed.text());
    }

    @Test
    void aRevokedLinkIs404() {
        long id = article(variant("fi", "Peruttu"));
        ApiClient.Reply created = link(id, "fi", Map.of());
        assertEquals(200, anonymous.get(created.get("url")).status());

        ApiClient.Reply revoked = editor.delete(linksUri(id, "fi") + "/" + created.get("id"), null);

        assertEquals(204, revoked.status(), revoked.text());
        ApiClient.Reply after = anonymous.get(created.get("url"));
        assertEquals(404, after.status());
        assertTrue(after.contentType().startsWith("application/problem+json"), after.contentType());
    }

    @Test
    void theListShowsWhenALinkWasRevokedAndRevokingAgainKeepsThatTime() {
        long id = article(variant("fi", "Perumisaika"));
        Object linkId = link(id, "fi", Map.of()).get("id");
        Instant revokedAt = clock.instant();
        editor.delete(linksUri(id, "fi") + "/" + linkId, null);
        clock.advance(Duration.ofHours(1));

        ApiClient.Reply again = editor.delete(linksUri(id, "fi") + "/" + linkId, null);

        assertEquals(204, again.status());
        assertEquals(revokedAt.toString(), editor.get(linksUri(id, "fi")).get("0.revokedAt"));
    }

    @Test
    void revokingALinkThroughAnotherVariantsPathIs404AndTheLinkStillWorks() {
        long id = article(variant("fi", "Oma kieli"), variant("sv", "Eget språk"));
        long other = article(variant("fi", "Toinen dokumentti"));
        ApiClient.Reply created = link(id, "fi", Map.of());

        ApiClient.Reply wrongLanguage = editor.delete(linksUri(id, "sv") + "/" + created.get("id"), null);
        ApiClient.Reply wrongDocument = editor.delete(linksUri(other, "fi") + "/" + created.get("id"), null);

        assertEquals(404, wrongLanguage.status(), wrongLanguage.text());
        assertEquals(404, wrongDocument.status(), wrongDocument.text());
        assertTrue(wrongLanguage.contentType().startsWith("application/problem+json"), wrongLanguage.contentType());
        assertEquals(200, anonymous.get(created.get("url")).status());
        assertNull(editor.get(linksUri(id, "fi")).get("0.revokedAt"));
    }

    @Test
    void aLinkShowsOnlyTheVariantItWasMadeFor() {
        long id = article(variant("fi", "Suomenkielinen luonnos"), variant("sv", "Svenskt utkast"));

        String html = anonymous.get(previewUrl(id, "fi")).text();

        assertTrue(html.replace("\u00ad", "").contains("<h1>Suomenkielinen luonnos</h1>"), html);
        assertFalse(html.contains("Svenskt utkast"), html);
        assertEquals(List.of(), editor.get(linksUri(id, "sv")).list());
    }

    @Test
    void deletingTheVariantDeletesItsLinks() {
        long id = article(variant("fi", "Poistuva"), variant("sv", "Försvinner"));
        String url = previewUrl(id, "sv");
        String etag = editor.get(variantUri(id, "sv")).etag();

        assertEquals(204, editor.delete(variantUri(id, "sv"), etag).status());

        assertEquals(404, anonymous.get(url).status());
    }

    @Test
    void aLinkToAVariantThatDoesNotExistIs404() {
        long id = article(variant("fi", "Vain suomeksi"));

        assertEquals(404, editor.post(linksUri(id, "sv"), null).status());
        assertEquals(404, editor.post(linksUri(id, "xx"), null).status());
        assertEquals(404, editor.post(linksUri(999_999, "fi"), null).status());
        assertEquals(404, editor.get(linksUri(id, "sv")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x", "%3Cscript%3E", "..%2F..%2Fetc%2Fpasswd",
            "%00", "%C3%A4%C3%A4", "%FF%FE", "tok%20en", "a'b", "a;b=c", "*", "%25"})
    void unknownAndGarbageTokensAre404(String token) {
        ApiClient.Reply refused = anonymous.get("/preview/" + token);

        assertEquals(404, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    }

    @Test
    void aTokenLongerThan200CharactersIs404() {
        String valid = link(article(variant("fi", "Pitkä tunniste")), "fi", Map.of()).get("token");

        ApiClient.Reply refused = anonymous.get("/preview/" + valid + "A".repeat(201 - valid.length()));

        assertEquals(404, refused.status(), refused.text());
    }

    @Test
    void unknownExpiredAndRevokedTokensGetTheSameAnswer() {
        long id = article(variant("fi", "Sama vastaus"));
        ApiClient.Reply revoked = link(id, "fi", Map.of());
        editor.delete(linksUri(id, "fi") + "/" + revoked.get("id"), null);
        ApiClient.Reply expired = link(id, "fi", Map.of("expiresInDays", 1));
        clock.advance(Duration.ofDays(1));

        List<ApiClient.Reply> answers = List.of(anonymous.get("/preview/" + "B".repeat(43)),
                anonymous.get(expired.get("url")), anonymous.get(revoked.get("url")));

        for (ApiClient.Reply answer : answers) {
            assertEquals(404, answer.status());
            assertEquals(Set.of("type", "title", "status", "detail", "instance", "requestId"), answer.body().keySet());
            assertEquals("Nothing is here.", answer.get("detail"));
        }
    }

    @Test
    void thePreviewLinkEndpointsNeedAToken() {
        long id = article(variant("fi", "Vain kirjautuneille"));
        Object linkId = link(id, "fi", Map.of()).get("id");

        assertEquals(401, anonymous.post(linksUri(id, "fi"), Map.of()).status());
        assertEquals(401, anonymous.get(linksUri(id, "fi")).status());
        assertEquals(401, anonymous.delete(linksUri(id, "fi") + "/" + linkId, null).status());
        assertNull(editor.get(linksUri(id, "fi")).get("0.revokedAt"));
    }

    @SafeVarargs
    private long article(Map<String, Object>... variants) {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article", "variants", List.of(variants)));
        assertEquals(201, created.status(), created.text());
        return ((Number) created.get("id")).longValue();
    }

    private static Map<String, Object> variant(String language, String title, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language", language);
        body.put("title", title);
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    private static String variantUri(long documentId, String language) {
        return "/api/v1/documents/" + documentId + "/variants/" + language;
    }

    private static String linksUri(long documentId, String language) {
        return variantUri(documentId, language) + "/preview-links";
    }

    private ApiClient.Reply link(long documentId, String language, Map<String, Object> body) {
        ApiClient.Reply created = editor.post(linksUri(documentId, language), body);
        assertEquals(201, created.status(), created.text());
        return created;
    }

    /** A new link with the default lifetime, made without a request body; returns its URL. */
    private String previewUrl(long documentId, String language) {
        ApiClient.Reply created = editor.post(linksUri(documentId, language), null);
        assertEquals(201, created.status(), created.text());
        return created.get("url");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** A clock that stands still until a test moves it. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
