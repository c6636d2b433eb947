package fi.laituri.search;

import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.site.SiteBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a client puts in the query string (Lucene syntax, nothing, 10,000 characters, broken
 * percent-encoding, bytes that are not UTF-8), the search endpoints answer with results or a 400 problem,
 * never a 5xx. Requests go over a raw socket, as a client library would refuse to send some of them.
 */
@MicronautTest(transactional = false)
class SearchHostileInputTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-search-hostile-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ContentFolder folder;

    @Inject
    SiteBuilder builder;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.search.rate-limit.burst", "100000");
    }

    @BeforeAll
    void buildSeedSite() {
        folder.importFrom(Path.of("content"));
        builder.build(SITE);
    }

    static List<String> queryStrings() {
        List<String> q = new ArrayList<>(List.of(
                "q=title:(kotoutuminen%20AND%20sv)~2%20OR%20%22unclosed", "q=*", "q=?", "q=%5C", "q=%5Ba%20TO",
                "q=%2B%2B--!!%26%26%7C%7C", "q=kotoutuminen*", "q=a~0.5^3", "q=%2Fregex%5B%2F", "q=", "q",
                "q=%20%20%20", "q=%ZZ", "q=%", "q=%C3%28", "q=%FF%FE", "q=%00%01%02", "q=%ED%A0%80",
                "q=k%C3%A4%C3%A4nn%C3%B6s", "q=%F0%9F%98%80", "lang=%ZZ", "lang=", "lang=fi%00", "kind=nope",
                "tag=%00", "page=0", "page=-1", "page=abc", "page=99999999999999999999", "page=100",
                "q=kotoutuminen&q=toinen", "q=a&lang=sv&lang=fi"));
        q.add("q=" + "a%20".repeat(2000));
        q.add("q=" + "kotoutuminen%20".repeat(60));
        q.add("q=" + "x".repeat(10_000));
        q.add("q=" + "(%22".repeat(400));
        q.add("q=" + "%E2%82%AC".repeat(999));
        return q;
    }

    @ParameterizedTest
    @MethodSource("queryStrings")
    void theApiAnswersResultsOrAProblemNeverAServerError(String query) throws Exception {
        assertAnswered("/api/search?" + query);
    }

    @ParameterizedTest
    @MethodSource("queryStrings")
    void suggestionsAnswerResultsOrAProblemNeverAServerError(String query) throws Exception {
        assertAnswered("/api/search/suggest?" + query);
    }

    @ParameterizedTest
    @MethodSource("queryStrings")
    void theResultsPageAnswersAPageOrAProblemNeverAServerError(String query) throws Exception {
        assertAnswered("/search?" + query);
    }

    private void assertAnswered(String target) throws Exception {
        String response = rawGet(target);
        String status = response.substring(0, response.indexOf("\r\n"));
        assertTrue(status.startsWith("HTTP/1.1 200") || status.startsWith("HTTP/1.1 400"), status + " for " + abbreviate(target));
        if (status.startsWith("HTTP/1.1 400")) {
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), abbreviate(response));
        }
    }

    private String rawGet(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            in.transferTo(body);
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static String abbreviate(String s) {
        return s.length() < 300 ? s : s.substring(0, 300) + "…";
    }
}
