package fi.laituri.media;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor uploads a PDF and a photo with Finnish and Swedish alt texts, uses them in a page's Finnish and Swedish
 * versions, a publisher publishes them, and the built site shows a responsive image and a labelled document link.
 */
@MicronautTest(transactional = false)
class MediaOnTheSiteTest extends ApiTest {

    private static final Path DIR = temp("laituri-media-site");
    private static final Path SITE = temp("laituri-media-site-out");

    @Inject
    SiteBuilder builder;

    ApiClient editor;
    ApiClient publisher;
    long document;
    String photoSha;
    BuildReport first;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.media.directory", DIR.toString(), "laituri.scheduler.enabled", "false",
                "laituri.site.base-url", "http://127.0.0.1:8080");
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void publishAPageWithAPhotoAndAPdf() {
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        ApiClient.Reply photo = TestFiles.upload(editor, "satama.jpg", withGpsExif(TestFiles.image("jpeg", 1200, 800)));
        assertEquals(201, photo.status(), photo.text());
        photoSha = photo.get("sha256");
        byte[] pdf = TestFiles.concat(TestFiles.pdf("Toimintasuunnitelma"), new byte[0]);
        assertEquals(201, TestFiles.upload(editor, "toimintasuunnitelma-2021-2022.pdf", pdf).status());
        assertEquals(201, TestFiles.upload(editor, "kayttamaton.png", TestFiles.image("png", 100, 100)).status());
        assertEquals(201, TestFiles.upload(editor, "pieni.png", TestFiles.image("png", 300, 200)).status());
        assertEquals(200, editor.put("/api/v1/media/pieni/texts", Map.of("decorative", true, "texts", Map.of()), "*").status());

        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article", "key", "media-programme",
                "variants", List.of(
                        Map.of("language", "fi", "title", "Kumppanuusohjelma", "body", body("Satama", "Toimintasuunnitelma 2021–2022")),
                        Map.of("language", "sv", "title", "Partnerskapsprogrammet", "body", body("Hamnen", "Verksamhetsplan 2021–2022")))));
        assertEquals(201, created.status(), created.text());
        document = ((Number) created.get("id")).longValue();
        for (String lang : List.of("fi", "sv")) {
            assertEquals(200, editor.post(variant(lang) + "/transitions", Map.of("action", "submit")).status());
            assertEquals(200, publisher.post(variant(lang) + "/transitions", Map.of("action", "approve")).status());
        }
        // The Finnish alt text only: the Swedish version cannot go live yet.
        assertEquals(200, editor.put("/api/v1/media/satama/texts", Map.of("texts", Map.of(
                "fi", Map.of("title", "Satama", "alt", "Laituri ja veneitä aamuauringossa")),
                "decorative", false), "*").status());
        assertEquals(200, publisher.post(variant("fi") + "/transitions", Map.of("action", "publish")).status());
        ApiClient.Reply refused = publisher.post(variant("sv") + "/transitions", Map.of("action", "publish"));
        assertEquals(409, refused.status(), refused.text());
        assertTrue(((String) refused.get("detail")).contains("media:satama has no alt text in sv"), refused.text());

        assertEquals(200, editor.put("/api/v1/media/satama/texts", Map.of("texts", Map.of(
                "fi", Map.of("title", "Satama", "alt", "Laituri ja veneitä aamuauringossa"),
                "sv", Map.of("title", "Hamnen", "alt", "En brygga och båtar i morgonsolen"))), "*").status());
        assertEquals(200, publisher.post(variant("sv") + "/transitions", Map.of("action", "publish")).status());
        first = builder.build(SITE);
        assertEquals(List.of(), first.warnings());
    }

    private static String body(String caption, String plan) {
        return "Johdanto.\n\n![" + caption + "](media:satama)\n\n[" + plan + "](media:toimintasuunnitelma-2021-2022)\n\n"
                + "![](media:pieni)\n";
    }

    private String variant(String lang) {
        return "/api/v1/documents/" + document + "/variants/" + lang;
    }

    private String page(String lang) throws IOException {
        String slug = editor.get(variant(lang)).get("slug");
        return Files.readString(SITE.resolve("current").resolve(lang).resolve(slug).resolve("index.html"));
    }

    @Test
    void theFinnishPageShowsAResponsiveImageWithItsFinnishAltTextAndSize() throws IOException {
        String html = page("fi");
        String prefix = photoSha.substring(0, 16);

        assertTrue(html.contains("<source type=\"image/webp\" srcset=\"/media/" + prefix + "-480.webp 480w, /media/"
                + prefix + "-960.webp 960w, /media/" + prefix + "-1200.webp 1200w\""), html);
        assertTrue(html.contains("srcset=\"/media/" + prefix + "-480.jpg 480w, /media/" + prefix + "-960.jpg 960w, /media/"
                + prefix + "-1200.jpg 1200w\""), html);
        assertTrue(html.contains("width=\"1200\" height=\"800\" alt=\"Laituri ja veneitä aamuauringossa\""), html);
    }

    @Test
    void theSwedishPageHasTheSwedishAltText() throws IOException {
        assertTrue(page("sv").contains("alt=\"En brygga och båtar i morgonsolen\""));
    }

    @Test
    void aDocumentLinkSaysItsTypeAndSizeInThePagesLanguage() throws IOException {
        Matcher fi = Pattern.compile("<a href=\"(/media/[0-9a-f]{16}/toimintasuunnitelma-2021-2022\\.pdf)\">"
                + "Toimintasuunnitelma 2021–2022 \\(PDF, 1 kt\\)</a>").matcher(page("fi"));
        assertTrue(fi.find(), page("fi"));
        assertTrue(page("sv").contains("Verksamhetsplan 2021–2022 (PDF, 1 kB)</a>"), page("sv"));
        assertTrue(Files.isRegularFile(SITE.resolve("current").resolve(fi.group(1).substring(1))));
    }

    @Test
    void sizesAreWrittenWithTheLanguagesDecimalCommaAndUnit() {
        assertEquals("1,2 Mt", SiteMedia.size(1_234_567, new SiteMedia.Words(java.util.Locale.forLanguageTag("fi"), "Mt", "kt")));
        assertEquals("1,2 MB", SiteMedia.size(1_234_567, new SiteMedia.Words(java.util.Locale.forLanguageTag("sv"), "MB", "kB")));
        assertEquals("340 kB", SiteMedia.size(340_100, new SiteMedia.Words(java.util.Locale.forLanguageTag("sv"), "MB", "kB")));
    }

    @Test
    void aDecorativeImageHasAnEmptyAltAndIsNeverUpscaled() throws IOException {
        Matcher img = Pattern.compile("<img src=\"/media/[0-9a-f]{16}-300\\.png\" srcset=\"/media/[0-9a-f]{16}-300\\.png 300w\""
                + "[^>]*width=\"300\" height=\"200\" alt=\"\"").matcher(page("fi"));
        assertTrue(img.find(), page("fi"));
    }

    @Test
    void onlyTheFilesLivePagesUseArePublished() throws IOException {
        try (Stream<Path> files = Files.list(SITE.resolve("current").resolve("media"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            // the photo in three widths and two formats, the decorative image in its own width and two, the PDF's folder
            assertEquals(6 + 2 + 1, names.size(), names.toString());
        }
    }

    @Test
    void thePublishedImagesCarryNoExifOrGps() throws IOException {
        for (String name : List.of("-480.jpg", "-1200.jpg", "-1200.webp")) {
            byte[] bytes = Files.readAllBytes(SITE.resolve("current").resolve("media").resolve(photoSha.substring(0, 16) + name));
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("Exif") || text.contains("GPS"), name + " has metadata");
        }
    }

    @Test
    void thePageNamesItsImageForOpenGraph() throws IOException {
        assertTrue(page("fi").contains("<meta property=\"og:image\" content=\"http://127.0.0.1:8080/media/"
                + photoSha.substring(0, 16) + "-1200.jpg\">"), page("fi"));
    }

    @Test
    void aSecondBuildReusesTheVariantsWithoutMakingThemAgain() throws IOException {
        Path variant = DIR.resolve("variants").resolve(photoSha + "-960.jpg");
        var made = Files.getLastModifiedTime(variant);

        BuildReport again = builder.build(SITE);

        assertTrue(again.written().stream().noneMatch(p -> p.startsWith("media/")), again.written().toString());
        assertEquals(made, Files.getLastModifiedTime(variant));
    }

    @Test
    void aFileThatContentUsesCannotBeDeletedAndTheRefusalNamesTheUsers() {
        ApiClient.Reply refused = editor.delete("/api/v1/media/satama", "*");

        assertEquals(409, refused.status(), refused.text());
        assertTrue(((String) refused.get("detail")).contains("media-programme (fi, live), media-programme (sv, live)"),
                refused.text());
    }

    @Test
    void anUnusedFileCanBeDeleted() {
        assertEquals(201, TestFiles.upload(editor, "poistettava.png", TestFiles.image("png", 10, 10)).status());

        assertEquals(204, editor.delete("/api/v1/media/poistettava", "*").status());
        assertEquals(404, editor.get("/api/v1/media/poistettava").status());
    }

    /** A JPEG with an APP1 Exif segment naming a GPS position, as phones write them. */
    private static byte[] withGpsExif(byte[] jpeg) {
        byte[] payload = "Exif\0\0MM\0*\0\0\0\bGPSLatitude 60.1699 GPSLongitude 24.9384".getBytes(StandardCharsets.ISO_8859_1);
        byte[] segment = new byte[4 + payload.length];
        segment[0] = (byte) 0xff;
        segment[1] = (byte) 0xe1;
        segment[2] = (byte) ((payload.length + 2) >> 8);
        segment[3] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, segment, 4, payload.length);
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }
}
