package fi.laituri.web;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import io.micronaut.http.HttpHeaders;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every answer, site page, search page, API reply and problem alike, carries the security headers. */
@MicronautTest(transactional = false)
class SecurityHeadersTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-headers-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ContentFolder folder;

    @Inject
    SiteBuilder builder;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void buildTheSeedSite() {
        folder.importFrom(Path.of("content"));
        builder.build(SITE);
    }

    @Test
    void aSitePageAllowsNoScriptAndOnlyItsOwnInlineStyleByHash() throws Exception {
        ApiClient.Reply page = new ApiClient(client, null).get("/fi/");

        assertEquals(200, page.status());
        String csp = page.headers().get("Content-Security-Policy");
        assertNotNull(csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(csp.contains("script-src"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.text());
        assertTrue(style.find(), "the page has its inline style");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(csp.contains("style-src 'sha256-" + hash + "'"), csp);
        assertCommonHeaders(page.headers());
    }

    @Test
    void aRevalidatedPageKeepsThePolicyItCameWith() {
        String etag = new ApiClient(client, null).get("/fi/").headers().get("ETag");

        io.micronaut.http.HttpResponse<String> revalidated = client.toBlocking().exchange(
                io.micronaut.http.HttpRequest.GET("/fi/").header("If-None-Match", etag), String.class);

        assertEquals(304, revalidated.code());
        assertNull(revalidated.getHeaders().get("Content-Security-Policy"),
                "a 304 says nothing of the policy, so the cached page's stays");
        assertEquals("nosniff", revalidated.getHeaders().get("X-Content-Type-Options"));
    }

    @Test
    void theSearchResultsPageHasTheSitePolicy() {
        ApiClient.Reply site = new ApiClient(client, null).get("/fi/");
        ApiClient.Reply results = new ApiClient(client, null).get("/search?q=kumppanuus&lang=fi");

        assertEquals(200, results.status());
        assertEquals(site.headers().get("Content-Security-Policy"), results.headers().get("Content-Security-Policy"));
        assertCommonHeaders(results.headers());
    }

    @Test
    void theJsonApiSaysNosniffAndMayLoadOrBeFramedByNothing() {
        ApiClient.Reply documents = ApiClient.as(client, users, Role.EDITOR).get("/api/v1/documents");

        assertEquals(200, documents.status());
        assertEquals(SecurityHeaders.CSP_OTHER, documents.headers().get("Content-Security-Policy"));
        assertCommonHeaders(documents.headers());
    }

    @Test
    void problemsAndRefusalsCarryTheHeadersToo() {
        ApiClient.Reply refused = new ApiClient(client, null).get("/api/v1/documents");
        ApiClient.Reply missing = ApiClient.as(client, users, Role.EDITOR).get("/api/v1/documents/999999");

        assertEquals(401, refused.status());
        assertCommonHeaders(refused.headers());
        assertEquals(404, missing.status());
        assertCommonHeaders(missing.headers());
    }

    @Test
    void theReadmesNginxExampleSendsTheFilesThePolicyLaituriSends() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher example = Pattern.compile("add_header Content-Security-Policy \"([^\"]+)\" always;").matcher(readme);

        assertTrue(example.find(), "the README's nginx example sets a Content-Security-Policy");
        assertEquals(new ApiClient(client, null).get("/fi/").headers().get("Content-Security-Policy"), example.group(1));
    }

    @Test
    void withoutBeingToldOfTlsNoStrictTransportSecurityIsSent() {
        assertNull(new ApiClient(client, null).get("/fi/").headers().get("Strict-Transport-Security"));
    }

    private static void assertCommonHeaders(HttpHeaders headers) {
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("strict-origin-when-cross-origin", headers.get("Referrer-Policy"));
        assertTrue(headers.get("Permissions-Policy").contains("camera=()"), headers.get("Permissions-Policy"));
        assertTrue(headers.get("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }
}
