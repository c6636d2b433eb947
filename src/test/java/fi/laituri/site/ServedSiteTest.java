package fi.laituri.site;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.security.Role;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built site as serve shows it, rebuilt by itself when something is published. */
@MicronautTest(transactional = false)
class ServedSiteTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-site-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }


    @Inject
    ContentFolder folder;

    @Inject
    SiteBuilder builder;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "200ms", "laituri.scheduler.interval", "200ms",
                "micronaut.http.client.follow-redirects", "false");
    }

    @BeforeAll
    void buildSeedSite() {
        folder.importFrom(Path.of("content"));
        builder.build(SITE);
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) {
        HttpRequest<Object> request = HttpRequest.create(HttpMethod.GET, path);
        if (ifNoneMatch != null) {
            request = ((io.micronaut.http.MutableHttpRequest<Object>) request).header("If-None-Match", ifNoneMatch);
        }
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return (HttpResponse<String>) e.getResponse();
        }
    }

    @Test
    void aDirectoryUrlServesItsIndexPageAsHtml() {
        HttpResponse<String> page = get("/fi/toimintasuunnitelma-2021-2022/", null);

        assertEquals(200, page.code());
        assertTrue(page.getContentType().orElseThrow().toString().startsWith("text/html"));
        assertTrue(page.body().contains("Toimintasuunnitelma 2021–2022"));
    }

    @Test
    void aDirectoryUrlWithoutItsSlashIsRedirected() {
        HttpResponse<String> page = get("/fi/toimintasuunnitelma-2021-2022", null);

        assertEquals(301, page.code());
        assertEquals("/fi/toimintasuunnitelma-2021-2022/", page.getHeaders().get("Location"));
    }

    @Test
    void anUnchangedPageIsRevalidatedWithItsETag() {
        HttpResponse<String> first = get("/fi/", null);

        assertEquals("public, no-cache", first.getHeaders().get("Cache-Control"));
        assertEquals(304, get("/fi/", first.getHeaders().get("ETag")).code());
    }

    @Test
    void pathsOutsideTheSiteAreNotServed() {
        assertEquals(404, get("/fi/../../../../etc/passwd", null).code());
        assertEquals(404, get("/%2e%2e/%2e%2e/etc/passwd", null).code());
        assertEquals(404, get("/no/such/page/", null).code());
    }

    @Test
    void anUnknownPathBelowALanguageIsAnsweredWithThatLanguagesNotFoundPage() {
        HttpResponse<String> swedish = get("/sv/finns-inte/", null);
        HttpResponse<String> plain = get("/selko/ei/ole/olemassa", null);

        assertEquals(404, swedish.code());
        assertTrue(swedish.getContentType().orElseThrow().toString().startsWith("text/html"));
        assertTrue(swedish.body().contains("<h1>Sidan hittades inte</h1>"), swedish.body());
        assertEquals(404, plain.code());
        assertTrue(plain.body().contains("<h1>Sivua ei ole</h1>"), plain.body());
    }

    @Test
    void anUnknownPathOutsideTheLanguagesIsAnsweredWithTheDefaultLanguagesNotFoundPage() {
        HttpResponse<String> reply = get("/ei-kielta/sivu/", null);

        assertEquals(404, reply.code());
        assertTrue(reply.body().contains("<html lang=\"fi\">"), reply.body());
        assertTrue(reply.body().contains("<h1>Sivua ei löytynyt</h1>"), reply.body());
    }

    @Test
    void unknownApiPathsStayProblemDocuments() {
        HttpResponse<String> reply = get("/api/v1/no-such-thing", null);

        assertEquals(404, reply.code());
        assertTrue(reply.getContentType().orElseThrow().toString().startsWith("application/problem+json"));
    }

    @Test
    void aPublishThroughTheApiAppearsOnTheSiteWithinSeconds() throws Exception {
        ApiClient editor = ApiClient.as(client, users, Role.EDITOR);
        ApiClient publisher = ApiClient.as(client, users, Role.PUBLISHER);
        String title = "Tuore uutinen " + System.nanoTime();
        ApiClient.Reply created = ApiClient.publishNewArticle(editor, publisher, title, "Juuri julkaistu.");
        String slug = created.get("variants.0.slug");

        long deadline = System.nanoTime() + 15_000_000_000L;
        HttpResponse<String> page;
        while ((page = get("/fi/" + slug + "/", null)).code() != 200) {
            assertTrue(System.nanoTime() < deadline, "the page did not appear within 15 s");
            Thread.sleep(100);
        }
        assertTrue(page.body().contains(title));
        assertTrue(new String(Files.readAllBytes(SITE.resolve("current/fi/index.html")), StandardCharsets.UTF_8).contains(title));
    }
}
