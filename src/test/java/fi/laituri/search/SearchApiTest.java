package fi.laituri.search;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.security.Role;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searching the built site through the public API and the results page, as readers do. */
@MicronautTest(transactional = false)
class SearchApiTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-search-site-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ContentFolder folder;

    @Inject
    SiteBuilder builder;

    private ApiClient admin;
    private ApiClient anonymous;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.workflow.four-eyes", "false");
    }

    @BeforeAll
    void buildSeedSite() {
        folder.importFrom(Path.of("content"));
        builder.build(SITE);
        admin = ApiClient.as(client, users, Role.ADMIN);
        anonymous = new ApiClient(client, null);
    }

    private ApiClient.Reply search(String q, String lang) {
        return anonymous.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&lang=" + lang);
    }

    @SuppressWarnings("unchecked")
    private static List<String> urls(ApiClient.Reply reply) {
        return ((List<Map<String, Object>>) reply.get("hits")).stream().map(h -> (String) h.get("url")).toList();
    }

    @Test
    void kotoutumisenOnTheFinnishSiteFindsTheGoalsPage() {
        ApiClient.Reply reply = search("kotoutumisen", "fi");

        assertEquals(200, reply.status());
        assertTrue(urls(reply).contains("/fi/kumppanuusohjelman-tavoitteet-ja-periaatteet/"), reply.text());
    }

    @Test
    void partnerskapsprogrammetsOnTheSwedishSiteFindsTheTranslationFirst() {
        ApiClient.Reply reply = search("partnerskapsprogrammets", "sv");

        assertEquals("/sv/malen-och-principerna-i-partnerskapsprogrammet/", urls(reply).get(0));
    }

    @Test
    void koulutusFindsTheActionPlan() {
        assertTrue(urls(search("koulutus", "fi")).contains("/fi/toimintasuunnitelma-2021-2022/"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void hitsCarryTitleLanguageKindAndSnippetsWithTheMatchesMarked() {
        ApiClient.Reply reply = search("tietosuojaselosteen", "fi");

        Map<String, Object> hit = reply.get("hits.0");
        assertEquals("Tietosuojaseloste", hit.get("title"));
        assertEquals("fi", hit.get("language"));
        assertEquals("page", hit.get("kind"));
        assertTrue(((List<String>) hit.get("snippets")).stream().anyMatch(s -> s.contains("<mark>")), reply.text());
        assertEquals(1, ((Number) reply.get("total")).intValue());
    }

    @Test
    void facetsCountTheHitsByKindAndTag() {
        ApiClient.Reply reply = search("kumppanuusohjelma", "fi");

        assertTrue(((Number) reply.get("kinds.article")).intValue() >= 3, reply.text());
        assertTrue(((Number) reply.get("tags.kumppanuusohjelma")).intValue() >= 2, reply.text());
    }

    @Test
    void aKindFilterKeepsOnlyThatKind() {
        ApiClient.Reply reply = anonymous.get("/api/search?q=kumppanuusohjelma&lang=fi&kind=blog_post");

        assertEquals(List.of("/fi/kumppanuusohjelmaa-pidetaan-hyodyllisena/"),
                urls(reply), reply.text());
    }

    @Test
    void matchesInOtherLanguagesAreCounted() {
        ApiClient.Reply reply = search("kumppanuusohjelma", "fi");

        assertEquals("selko", reply.get("otherLanguages.0.language"), reply.text());
    }

    @Test
    void aMisspeltWordGetsADidYouMeanAndStillFindsThePages() {
        ApiClient.Reply reply = search("kotoutminen", "fi");

        assertEquals("kotoutuminen", reply.get("didYouMean"));
        assertFalse(urls(reply).isEmpty());
    }

    @Test
    void aWordWithNoMatchesButACloseOneShowsTheCorrectedResults() {
        ApiClient.Reply reply = search("saavtuettavuusseloste", "fi");

        assertEquals(true, reply.get("corrected"), reply.text());
        assertEquals("/fi/saavutettavuusseloste/", urls(reply).get(0));
    }

    @Test
    void suggestionsCompleteTheLastWord() {
        ApiClient.Reply reply = anonymous.get("/api/search/suggest?q=inklusiivinen+kumppanuus&lang=fi");

        assertEquals(200, reply.status());
        @SuppressWarnings("unchecked")
        List<String> suggestions = (List<String>) reply.get("suggestions");
        assertTrue(suggestions.contains("inklusiivinen kumppanuusohjelma"), reply.text());
        assertTrue(suggestions.stream().allMatch(s -> s.startsWith("inklusiivinen kumppanuus")));
    }

    @Test
    void theResultsPageListsHitsInTheSiteLayoutWithTheFormFilledIn() {
        ApiClient.Reply page = anonymous.get("/search?q=tietosuoja&lang=fi");

        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.text().contains("<html lang=\"fi\">"));
        assertTrue(page.text().contains("role=\"search\""));
        assertTrue(page.text().contains("name=\"q\" value=\"tietosuoja\""));
        // Long words of titles carry soft hyphens for narrow screens.
        assertTrue(page.text().replace("\u00ad", "").contains("<a href=\"/fi/tietosuojaseloste/\">Tietosuojaseloste</a>"), page.text());
    }

    @Test
    void theResultsPageDatesEachHitUsesTheHeadersFormStyleAndNeverRepeatsASnippet() {
        String page = anonymous.get("/search?q=kumppanuusbaro&lang=fi").text();

        assertTrue(page.contains("<form class=\"search-form\" role=\"search\""), page);
        assertTrue(page.contains("<p class=\"meta\"><time datetime=\"2023-09-08T12:25+03:00\">8.9.2023</time></p>"), page);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<p class=\"search-snippet\">(.*?)</p>").matcher(page);
        List<String> snippets = new java.util.ArrayList<>();
        while (m.find()) {
            String text = m.group(1).replaceAll("<[^>]+>", "").replace("…", " ").replaceAll("\\s+", " ").strip();
            assertTrue(snippets.stream().noneMatch(b -> b.contains(text) || text.contains(b)), text + " repeats " + snippets);
            snippets.add(text);
        }
        assertTrue(!snippets.isEmpty(), page);
    }

    @Test
    void theResultsPageEscapesTheQuery() {
        ApiClient.Reply page = anonymous.get("/search?q=" + URLEncoder.encode("<script>alert(1)</script>\"", StandardCharsets.UTF_8));

        assertEquals(200, page.status());
        assertFalse(page.text().contains("<script>alert"));
        assertTrue(page.text().contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"), page.text());
    }

    @Test
    void onlyWhatIsLiveIsFoundAndAnEditShowsOnlyWhenRepublished() {
        ApiClient.Reply created = admin.post("/api/v1/documents", Map.of("kind", "article", "key", "zebra-campaign",
                "variants", List.of(Map.of("language", "fi", "title", "Seepraviikko", "body", "Seepraviikon ohjelma."))));
        assertEquals(201, created.status(), created.text());
        String variant = "/api/v1/documents/" + ((Number) created.get("id")).longValue() + "/variants/fi";
        builder.build(SITE);
        assertEquals(0, total("seepraviikko"), "a draft is not indexed");

        step(variant, "submit");
        step(variant, "approve");
        step(variant, "publish");
        builder.build(SITE);
        assertEquals(1, total("seepraviikko"), "published");

        ApiClient.Reply current = admin.get(variant);
        assertEquals(200, admin.patch(variant, Map.of("body", "Kirahvipäivän ohjelma."), current.etag()).status());
        builder.build(SITE);
        assertEquals(0, total("kirahvipäivän"), "the edit is a draft");
        assertEquals(1, total("seepraviikon"), "the live revision stays searchable");

        step(variant, "submit");
        step(variant, "approve");
        step(variant, "publish");
        builder.build(SITE);
        assertEquals(1, total("kirahvipäivän"), "republished");

        step(variant, "unpublish");
        builder.build(SITE);
        assertEquals(0, total("seepraviikko"), "unpublished");
    }

    @Test
    void anIncrementalBuildAfterAPublishOrUnpublishUpdatesTheIndexForThatDocument() {
        ApiClient.Reply created = admin.post("/api/v1/documents", Map.of("kind", "article", "key", "okapi-campaign",
                "variants", List.of(Map.of("language", "fi", "title", "Okapiviikko", "body", "Okapiviikon ohjelma."))));
        assertEquals(201, created.status(), created.text());
        long id = ((Number) created.get("id")).longValue();
        String variant = "/api/v1/documents/" + id + "/variants/fi";
        step(variant, "submit");
        step(variant, "approve");
        step(variant, "publish");

        BuildReport published = builder.update(SITE, java.util.Set.of(id));
        assertTrue(published.unchanged() > 0, "an incremental build: " + published);
        assertEquals(1, total("okapiviikko"), "published");

        step(variant, "unpublish");
        builder.update(SITE, java.util.Set.of(id));
        assertEquals(0, total("okapiviikko"), "unpublished");
        assertTrue(total("kumppanuusohjelma") > 0, "the rest of the index stays");
    }

    private long total(String q) {
        return ((Number) search(q, "fi").get("total")).longValue();
    }

    private void step(String variant, String action) {
        ApiClient.Reply reply = admin.post(variant + "/transitions", Map.of("action", action));
        assertEquals(200, reply.status(), action + ": " + reply.text());
    }

    @Test
    void anUnknownLanguageIsAProblem() {
        ApiClient.Reply reply = search("x", "xx");

        assertEquals(400, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals("lang", reply.get("errors.0.field"));
    }

    @Test
    void noQueryFindsNothingRatherThanFailing() {
        ApiClient.Reply reply = anonymous.get("/api/search");

        assertEquals(200, reply.status());
        assertEquals(0, ((Number) reply.get("total")).intValue());
        assertNull(reply.get("didYouMean"));
    }
}
