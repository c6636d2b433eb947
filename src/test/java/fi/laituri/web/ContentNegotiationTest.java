package fi.laituri.web;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of route the server exposes, asked with each Accept header that curl, link checkers, crawlers,
 * feed readers, API clients and browsers send. The expectation is a rule per kind of route: a static file is
 * served as what it is whatever the Accept; generated HTML answers HTML when HTML is acceptable, else 406;
 * JSON answers JSON when JSON is acceptable, else 406.
 */
@MicronautTest(transactional = false)
class ContentNegotiationTest extends ApiTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final List<String> ACCEPTS = List.of("text/html", "application/xhtml+xml", "application/atom+xml",
            "application/xml", "text/plain", "application/json", "*/*", BROWSER);
    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-negotiation-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    ContentFolder folder;

    @Inject
    SiteBuilder builder;

    private String token;
    private String previewUrl;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString());
    }

    /** What a route is, and so what it must answer. */
    private enum Kind {
        /** A file of the built site: its status and its own type for every Accept. */
        FILE,
        /** HTML rendered on request: HTML to text/html, XHTML, wildcards and browsers; a 406 problem to the rest. */
        HTML,
        /** The JSON API: JSON to application/json, wildcards and browsers (whose header ends in a wildcard); else 406. */
        JSON
    }

    private record Route(String path, Kind kind, int status, String type) {
    }

    @BeforeAll
    void buildSeedSiteAndPreview() {
        folder.importFrom(Path.of("content"));
        builder.build(SITE);
        token = users.add("negotiation-admin", Role.ADMIN).token();
        previewUrl = new ApiClient(client, token).post("/api/v1/documents/1/variants/fi/preview-links", null).get("url");
    }

    private List<Route> routes() {
        return List.of(
                new Route("/", Kind.FILE, 200, "text/html"),
                new Route("/fi/", Kind.FILE, 200, "text/html"),
                new Route("/sv/", Kind.FILE, 200, "text/html"),
                new Route("/fi/toimintasuunnitelma-2021-2022/", Kind.FILE, 200, "text/html"),
                new Route("/fi/kotoutuminen-fi-blogi-tarjoaa-nakokulmia-kotoutumiseen/", Kind.FILE, 200, "text/html"),
                new Route("/fi/blog/", Kind.FILE, 200, "text/html"),
                new Route("/fi/tags/", Kind.FILE, 200, "text/html"),
                new Route("/fi/tags/kumppanuusohjelma/", Kind.FILE, 200, "text/html"),
                new Route("/fi/search/", Kind.FILE, 200, "text/html"),
                new Route("/404.html", Kind.FILE, 200, "text/html"),
                new Route("/fi/ei-ole/", Kind.FILE, 404, "text/html"),
                new Route("/ei-kielta/", Kind.FILE, 404, "text/html"),
                new Route("/feed.xml", Kind.FILE, 200, "application/atom+xml"),
                new Route("/fi/feed.xml", Kind.FILE, 200, "application/atom+xml"),
                new Route("/sitemap.xml", Kind.FILE, 200, "application/xml"),
                new Route("/sitemap-fi.xml", Kind.FILE, 200, "application/xml"),
                new Route("/robots.txt", Kind.FILE, 200, "text/plain"),
                new Route("/openapi/laituri.yml", Kind.FILE, 200, "application/yaml"),
                new Route("/search?q=kumppanuusohjelma&lang=fi", Kind.HTML, 200, "text/html"),
                new Route("/search", Kind.HTML, 200, "text/html"),
                new Route(previewUrl, Kind.HTML, 200, "text/html"),
                new Route("/preview/no-such-token", Kind.HTML, 404, Problem.MEDIA_TYPE),
                new Route("/api/search?q=kumppanuusohjelma&lang=fi", Kind.JSON, 200, "application/json"),
                new Route("/api/search/suggest?q=kump&lang=fi", Kind.JSON, 200, "application/json"),
                new Route("/api/public/v1/fi", Kind.JSON, 200, "application/json"),
                new Route("/api/public/v1/fi/toimintasuunnitelma-2021-2022", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/documents", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/documents/1", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/documents/1/variants/fi", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/documents/1/variants/fi/revisions", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/authors", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/media", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/media/periaatteet", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/media/periaatteet/file", Kind.FILE, 200, "image/png"),
                new Route("/api/v1/translations?lang=sv", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/me", Kind.JSON, 200, "application/json"),
                new Route("/api/v1/no-such-thing", Kind.JSON, 404, Problem.MEDIA_TYPE));
    }

    private static boolean acceptsHtml(String accept) {
        return accept.contains("text/html") || accept.contains("application/xhtml+xml") || accept.contains("*/*");
    }

    private static boolean acceptsJson(String accept) {
        return accept.contains("application/json") || accept.contains("*/*");
    }

    /** The status and media type the rule of the route's kind expects for one Accept header. */
    private static String expected(Route route, String accept) {
        boolean acceptable = switch (route.kind()) {
            case FILE -> true;
            case HTML -> acceptsHtml(accept);
            // An unknown API path is a 404 whatever the Accept: there is nothing to negotiate.
            case JSON -> acceptsJson(accept) || route.status() == 404;
        };
        return acceptable ? route.status() + " " + route.type() : "406 " + Problem.MEDIA_TYPE;
    }

    @Test
    void everyRouteAnswersEveryCommonAcceptHeaderByTheRuleOfItsKind() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Route route : routes()) {
            for (String accept : ACCEPTS) {
                String got = fetch(route.path(), accept);
                String want = expected(route, accept);
                checked++;
                if (!got.equals(want)) {
                    wrong.add(route.path() + " with Accept: " + accept + " answered " + got + ", expected " + want);
                }
            }
        }
        assertEquals(List.of(), wrong, "of " + checked + " requests");
    }

    @Test
    void aJsonBodySentAsPlainTextIsRefusedWithUnsupportedMediaType() {
        MutableHttpRequest<String> request = HttpRequest.POST("/api/v1/authors", "{\"name\": \"Maija\"}")
                .contentType("text/plain").bearerAuth(token);
        HttpResponse<?> response = exchange(request);

        assertEquals(415, response.code());
        assertEquals(Problem.MEDIA_TYPE, response.getContentType().orElseThrow().toString());
        assertTrue(fetch("/api/v1/authors", "application/json").startsWith("200"));
    }

    /** The status and the media type (without parameters) of a GET with the given Accept header. */
    private String fetch(String path, String accept) {
        MutableHttpRequest<Object> request = HttpRequest.GET(path).accept(accept).bearerAuth(token);
        HttpResponse<?> response = exchange(request);
        String type = response.getContentType().map(t -> t.getType() + "/" + t.getSubtype()).orElse("none");
        return response.code() + " " + type;
    }

    private HttpResponse<?> exchange(MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
