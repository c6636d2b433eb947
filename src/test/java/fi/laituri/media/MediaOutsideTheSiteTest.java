package fi.laituri.media;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code media:} references where the built site is not: the editorial API (its download route), the public API
 * (the site's files) and a preview of a draft that was never published (files served under the preview link).
 */
@MicronautTest(transactional = false)
class MediaOutsideTheSiteTest extends ApiTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("laituri-media-outside");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final byte[] PHOTO = TestFiles.image("jpeg", 1200, 800);
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\">"
            + "<rect width=\"120\" height=\"60\" fill=\"#2a6f97\"/></svg>";

    String editorToken;
    ApiClient editor;
    ApiClient publisher;
    ApiClient anonymous;
    String photoSha;
    long published;
    String preview;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.media.directory", DIR.toString(), "laituri.scheduler.enabled", "false",
                "laituri.site.base-url", "http://127.0.0.1:8080");
    }

    @BeforeAll
    void uploadPublishAndDraft() {
        editorToken = users.add("media-outside-editor", Role.EDITOR).token();
        editor = new ApiClient(client, editorToken);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        anonymous = new ApiClient(client, null);
        ApiClient.Reply photo = TestFiles.upload(editor, "satama.jpg", PHOTO);
        assertEquals(201, photo.status(), photo.text());
        photoSha = photo.get("sha256");
        assertEquals(201, TestFiles.upload(editor, "toimintasuunnitelma.pdf", TestFiles.pdf("Toimintasuunnitelma")).status());
        assertEquals(201, TestFiles.upload(editor, "logo.svg", SVG.getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, TestFiles.upload(editor, "Näkymä.png", TestFiles.image("png", 30, 20)).status());
        assertEquals(200, editor.put("/api/v1/media/satama/texts", Map.of("texts", Map.of(
                "fi", Map.of("alt", "Laituri ja veneitä aamuauringossa"),
                "sv", Map.of("alt", "En brygga och båtar i morgonsolen"))), "*").status());

        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article", "variants", List.of(
                Map.of("language", "fi", "title", "Satama", "body", body("Toimintasuunnitelma")),
                Map.of("language", "sv", "title", "Hamnen", "body", body("Verksamhetsplan")))));
        assertEquals(201, created.status(), created.text());
        published = ((Number) created.get("id")).longValue();
        for (String lang : List.of("fi", "sv")) {
            String transitions = "/api/v1/documents/" + published + "/variants/" + lang + "/transitions";
            assertEquals(200, editor.post(transitions, Map.of("action", "submit")).status());
            assertEquals(200, publisher.post(transitions, Map.of("action", "approve")).status());
            assertEquals(200, publisher.post(transitions, Map.of("action", "publish")).status());
        }

        ApiClient.Reply draft = editor.post("/api/v1/documents", Map.of("kind", "article", "variants", List.of(
                Map.of("language", "fi", "title", "Luonnos", "body", body("Suunnitelma")))));
        assertEquals(201, draft.status(), draft.text());
        ApiClient.Reply link = editor.post("/api/v1/documents/" + draft.get("id") + "/variants/fi/preview-links", null);
        assertEquals(201, link.status(), link.text());
        preview = link.get("url");
    }

    private static String body(String plan) {
        return "Johdanto.\n\n![kuva](media:satama)\n\n[" + plan + "](media:toimintasuunnitelma)\n";
    }

    @Test
    void theEditorialApiShowsTheImageWithItsAltTextInTheVersionsLanguageFromTheDownloadRoute() {
        String html = editor.get("/api/v1/documents/" + published + "/variants/sv").get("html");

        assertTrue(html.contains("<img src=\"/api/v1/media/satama/file\" width=\"1200\" height=\"800\""
                + " alt=\"En brygga och båtar i morgonsolen\""), html);
        assertTrue(html.contains("<a href=\"/api/v1/media/toimintasuunnitelma/file\">Verksamhetsplan (PDF, 1 kB)</a>"), html);
    }

    @Test
    void thePublicApiPointsAtTheFilesTheSitePublishes() {
        String slug = editor.get("/api/v1/documents/" + published + "/variants/fi").get("slug");
        String html = anonymous.get("/api/public/v1/fi/" + slug).get("html");
        String prefix = "http://127.0.0.1:8080/media/" + photoSha.substring(0, 16);

        assertTrue(html.contains("srcset=\"" + prefix + "-480.jpg 480w, " + prefix + "-960.jpg 960w, " + prefix
                + "-1200.jpg 1200w\""), html);
        assertTrue(html.contains("width=\"1200\" height=\"800\" alt=\"Laituri ja veneitä aamuauringossa\""), html);
        assertTrue(Pattern.compile("<a href=\"http://127\\.0\\.0\\.1:8080/media/[0-9a-f]{16}/toimintasuunnitelma\\.pdf\">"
                + "Toimintasuunnitelma \\(PDF, 1 kt\\)</a>").matcher(html).find(), html);
    }

    @Test
    void aPreviewOfANeverPublishedDraftShowsItsImageFromThePreviewLink() throws IOException {
        String html = anonymous.get(preview).text();
        Matcher src = Pattern.compile("<img src=\"(" + Pattern.quote(preview) + "/media/[0-9a-f]{16}-1200\\.jpg)\" srcset=\""
                + Pattern.quote(preview) + "/media/[0-9a-f]{16}-480\\.jpg 480w, [^\"]+\"[^>]* width=\"1200\" height=\"800\""
                + " alt=\"Laituri ja veneitä aamuauringossa\"").matcher(html);
        assertTrue(src.find(), html);

        HttpResponse<byte[]> image = fetch(src.group(1).replace("-1200.jpg", "-480.jpg"), null, null);

        assertEquals(200, image.code());
        assertEquals("image/jpeg", image.getContentType().orElseThrow().toString());
        assertEquals("no-store", image.header("Cache-Control"));
        assertEquals(480, ImageIO.read(new ByteArrayInputStream(image.body())).getWidth());
    }

    @Test
    void aPreviewLinksTheDocumentWithItsTypeAndSizeAndServesIt() {
        Matcher link = Pattern.compile("<a href=\"(" + Pattern.quote(preview) + "/media/[0-9a-f]{16}/toimintasuunnitelma\\.pdf)\">"
                + "Suunnitelma \\(PDF, 1 kt\\)</a>").matcher(anonymous.get(preview).text());
        assertTrue(link.find(), anonymous.get(preview).text());

        HttpResponse<byte[]> pdf = fetch(link.group(1), null, null);

        assertEquals(200, pdf.code());
        assertEquals("application/pdf", pdf.getContentType().orElseThrow().toString());
        assertArrayEquals(TestFiles.pdf("Toimintasuunnitelma"), pdf.body());
    }

    @Test
    void aPreviewLinkServesNoFileItsDraftDoesNotName() {
        String logo = editor.get("/api/v1/media/logo").get("sha256");

        assertEquals(404, fetch(preview + "/media/" + logo.substring(0, 16) + "/logo.svg", null, null).code());
        assertEquals(404, fetch("/preview/not-a-token/media/" + photoSha.substring(0, 16) + "-480.jpg", null, null).code());
    }

    @Test
    void aPhotoTakenOnItsSideIsUprightInItsVariants() throws IOException {
        ApiClient.Reply photo = TestFiles.upload(editor, "sivuttain.jpg", TestFiles.jpegWithOrientation(600, 200, 6));
        assertEquals(201, photo.status(), photo.text());
        ApiClient.Reply draft = editor.post("/api/v1/documents", Map.of("kind", "article", "variants", List.of(
                Map.of("language", "fi", "title", "Pystykuva", "body", "![Pystykuva](media:sivuttain)"))));
        String link = editor.post("/api/v1/documents/" + draft.get("id") + "/variants/fi/preview-links", null).get("url");
        String html = anonymous.get(link).text();
        assertTrue(html.contains("width=\"200\" height=\"600\""), html);

        HttpResponse<byte[]> variant = fetch(link + "/media/" + ((String) photo.get("sha256")).substring(0, 16) + "-200.jpg",
                null, null);

        assertEquals(200, variant.code());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(variant.body()));
        assertEquals(200, image.getWidth());
        assertEquals(600, image.getHeight());
        // Orientation 6 turns the stored picture a quarter clockwise: its left half, red, is the top.
        java.awt.Color top = new java.awt.Color(image.getRGB(100, 100));
        java.awt.Color bottom = new java.awt.Color(image.getRGB(100, 500));
        assertTrue(top.getRed() > 200 && top.getBlue() < 60, "top " + top);
        assertTrue(bottom.getBlue() > 200 && bottom.getRed() < 60, "bottom " + bottom);
    }

    @Test
    void theOriginalBytesAreDownloadedWithTheirTypeANamedAttachmentAndTheirHashAsETag() {
        HttpResponse<byte[]> file = fetch("/api/v1/media/satama/file", editorToken, null);

        assertEquals(200, file.code());
        assertArrayEquals(PHOTO, file.body());
        assertEquals("image/jpeg", file.getContentType().orElseThrow().toString());
        assertEquals("\"" + photoSha + "\"", file.header("ETag"));
        assertEquals("nosniff", file.header("X-Content-Type-Options"));
        assertEquals("attachment; filename=\"satama.jpg\"; filename*=UTF-8''satama.jpg", file.header("Content-Disposition"));
    }

    @Test
    void aNameBeyondAsciiIsSentAsFilenameStarWithAnAsciiFallback() {
        HttpResponse<byte[]> file = fetch("/api/v1/media/nakyma/file", editorToken, null);

        assertEquals(200, file.code());
        assertEquals("attachment; filename=\"N_kym_.png\"; filename*=UTF-8''N%C3%A4kym%C3%A4.png",
                file.header("Content-Disposition"));
    }

    @Test
    void aQuoteOrBackslashInANameCannotBreakOutOfTheDispositionHeader() {
        assertEquals("attachment; filename=\"a_b_c _.pdf\"; filename*=UTF-8''a%22b%5Cc%20%C3%A4.pdf",
                MediaController.attachment("a\"b\\c ä.pdf"));
    }

    @Test
    void aDownloadOfBytesTheClientHasIsA304() {
        HttpResponse<byte[]> again = fetch("/api/v1/media/satama/file", editorToken, "\"" + photoSha + "\"");

        assertEquals(304, again.code());
        assertEquals("\"" + photoSha + "\"", again.header("ETag"));
    }

    @Test
    void anSvgIsDownloadedSoThatItCannotRunScript() {
        HttpResponse<byte[]> svg = fetch("/api/v1/media/logo/file", editorToken, null);

        assertEquals(200, svg.code());
        assertEquals("image/svg+xml", svg.getContentType().orElseThrow().toString());
        String policy = svg.header("Content-Security-Policy");
        assertNotNull(policy);
        assertTrue(policy.contains("sandbox") && policy.contains("default-src 'none'"), policy);
        assertTrue(svg.header("Content-Disposition").startsWith("attachment;"), svg.header("Content-Disposition"));
    }

    @Test
    void downloadingNeedsATokenAndAnUnknownIdIsA404() {
        assertEquals(401, fetch("/api/v1/media/satama/file", null, null).code());
        assertEquals(404, fetch("/api/v1/media/no-such-file/file", editorToken, null).code());
    }

    private HttpResponse<byte[]> fetch(String uri, String token, String ifNoneMatch) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        if (token != null) {
            request.bearerAuth(token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return client.toBlocking().exchange(request, byte[].class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<byte[]> response = (HttpResponse<byte[]>) e.getResponse();
            return response;
        }
    }
}
