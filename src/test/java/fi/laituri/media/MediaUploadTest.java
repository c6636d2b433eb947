package fi.laituri.media;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static fi.laituri.media.TestFiles.concat;
import static fi.laituri.media.TestFiles.image;
import static fi.laituri.media.TestFiles.pdf;
import static fi.laituri.media.TestFiles.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads through the API: what is taken, what is refused, and that a refusal leaves nothing behind. */
@MicronautTest(transactional = false)
class MediaUploadTest extends ApiTest {

    private static final Path DIR = tempDir();
    private static final long MAX = 2_000_000;

    ApiClient editor;
    String token;

    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.media.directory", DIR.toString(), "laituri.media.max-size", String.valueOf(MAX),
                "laituri.media.max-pixels", "4000000");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("laituri-media-upload");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void signIn() {
        token = users.add("media-editor", Role.EDITOR).token();
        editor = new ApiClient(client, token);
    }

    @Test
    void aPngIsStoredUnderItsHashWithItsPixelSizeAndAnIdFromItsName() {
        byte[] png = image("png", 640, 480);

        ApiClient.Reply created = upload(editor, "Kartta Helsingistä.png", png);

        assertEquals(201, created.status(), created.text());
        assertEquals("kartta-helsingista", created.get("id"));
        assertEquals("image/png", created.get("mediaType"));
        assertEquals(640, ((Number) created.get("width")).intValue());
        assertEquals(480, ((Number) created.get("height")).intValue());
        String sha = created.get("sha256");
        assertTrue(Files.isRegularFile(DIR.resolve("files").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha)));
    }

    @Test
    void theSameBytesUploadedAgainAnswerWithTheFileThatHasThemAndMakeNoSecond() throws IOException {
        byte[] jpeg = image("jpeg", 300, 200);
        ApiClient.Reply first = upload(editor, "kuva.jpg", jpeg);
        ApiClient.Reply second = upload(editor, "toinen nimi.jpg", jpeg);

        assertEquals(201, first.status(), first.text());
        assertEquals(200, second.status(), second.text());
        assertEquals("kuva", second.get("id"));
        assertEquals("kuva.jpg", second.get("fileName"));
        assertEquals("/api/v1/media/kuva", second.headers().get("Content-Location"));
        assertEquals(404, editor.get("/api/v1/media/toinen-nimi").status());
        assertEquals(1, editor.get("/api/v1/media").list().stream()
                .filter(m -> first.get("sha256").equals(((Map<?, ?>) m).get("sha256"))).count());
        try (Stream<Path> files = Files.walk(DIR.resolve("files"))) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().equals(first.get("sha256"))).count());
        }
    }

    @Test
    void aJpegTurnedAQuarterByExifHasTheWidthAndHeightItIsShownWith() {
        ApiClient.Reply created = upload(editor, "pystykuva.jpg", TestFiles.jpegWithOrientation(300, 100, 6));

        assertEquals(201, created.status(), created.text());
        assertEquals(100, ((Number) created.get("width")).intValue());
        assertEquals(300, ((Number) created.get("height")).intValue());
    }

    @Test
    void aPdfAndADocxAreTakenAsDocuments() {
        ApiClient.Reply pdfReply = upload(editor, "suunnitelma.pdf", pdf("Toimintasuunnitelma"));
        ApiClient.Reply docxReply = upload(editor, "muistio.docx", TestFiles.docx("<w:document/>".getBytes(StandardCharsets.UTF_8)));

        assertEquals(201, pdfReply.status(), pdfReply.text());
        assertEquals("application/pdf", pdfReply.get("mediaType"));
        assertEquals(201, docxReply.status(), docxReply.text());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxReply.get("mediaType"));
    }

    @Test
    void aCleanSvgIsTaken() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><defs><linearGradient id=\"g\"/></defs>"
                + "<rect width=\"10\" height=\"10\" fill=\"url(#g)\"/></svg>";

        ApiClient.Reply created = upload(editor, "logo.svg", svg.getBytes(StandardCharsets.UTF_8));

        assertEquals(201, created.status(), created.text());
        assertEquals("image/svg+xml", created.get("mediaType"));
        assertEquals(10, ((Number) created.get("width")).intValue());
        assertEquals(10, ((Number) created.get("height")).intValue());
    }

    @Test
    void anSvgTakesItsSizeFromItsWidthAndHeightInAbsoluteUnits() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1in\" height=\"48px\"><rect width=\"5\" height=\"5\"/></svg>";

        ApiClient.Reply created = upload(editor, "tunnus.svg", svg.getBytes(StandardCharsets.UTF_8));

        assertEquals(201, created.status(), created.text());
        assertEquals(96, ((Number) created.get("width")).intValue());
        assertEquals(48, ((Number) created.get("height")).intValue());
    }

    @Test
    void anSvgWithAWidthAndAViewBoxTakesItsHeightFromTheViewBoxsProportions() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"100%\" viewBox=\"0,0 300 150\">"
                + "<rect width=\"5\" height=\"5\"/></svg>";

        ApiClient.Reply created = upload(editor, "kaavio.svg", svg.getBytes(StandardCharsets.UTF_8));

        assertEquals(201, created.status(), created.text());
        assertEquals(600, ((Number) created.get("width")).intValue());
        assertEquals(300, ((Number) created.get("height")).intValue());
    }

    @Test
    void anSvgThatSaysNoSizeIsRefused() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50%\"><rect width=\"5\" height=\"5\"/></svg>";

        ApiClient.Reply refused = refused(400, "koko.svg", svg.getBytes(StandardCharsets.UTF_8));

        assertTrue(((String) refused.get("errors.0.message")).contains("viewBox"), refused.text());
    }

    @Test
    void anSvgWithAScriptIsRefused() {
        refused(415, "skripti.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    }

    @Test
    void anSvgWithAnEventHandlerIsRefused() {
        refused(415, "klikki.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>");
    }

    @Test
    void anSvgReferringOutsideItselfIsRefused() {
        refused(415, "ulkoinen.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                + "<image xlink:href=\"http://127.0.0.1:9/x.png\" width=\"1\" height=\"1\"/></svg>");
    }

    @Test
    void anSvgWithAnEntityIsRefused() {
        refused(415, "entiteetti.svg", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x \"y\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>");
    }

    @Test
    void anEmptyFileIsRefused() {
        refused(400, "tyhja.pdf", new byte[0]);
    }

    @Test
    void aTruncatedPngIsRefused() {
        byte[] png = image("png", 200, 200);
        refused(400, "katkennut.png", java.util.Arrays.copyOf(png, png.length / 2));
    }

    @Test
    void aTruncatedJpegIsRefused() {
        byte[] jpeg = image("jpeg", 200, 200);
        refused(400, "katkennut.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length - 300));
    }

    @Test
    void aTruncatedPdfIsRefused() {
        byte[] pdf = pdf("Katkeaa");
        refused(400, "katkennut.pdf", java.util.Arrays.copyOf(pdf, pdf.length - 40));
    }

    @Test
    void aTruncatedDocxIsRefused() {
        byte[] docx = TestFiles.docx("<w:document/>".getBytes(StandardCharsets.UTF_8));
        refused(400, "katkennut.docx", java.util.Arrays.copyOf(docx, docx.length - 30));
    }

    @Test
    void anImageOfHugePixelDimensionsInASmallFileIsRefusedBeforeDecoding() {
        // A valid PNG header claiming 100,000 × 100,000 pixels, then an empty end: a decompression bomb's shape.
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 1, (byte) 0x86, (byte) 0xa0, 0, 1, (byte) 0x86, (byte) 0xa0, 8, 2, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

        ApiClient.Reply reply = refused(400, "pommi.png", png);

        assertTrue(((String) reply.get("errors.0.message")).contains("100000 × 100000"), reply.text());
    }

    @Test
    void aDocxThatExpandsFarBeyondItsSizeIsRefused() {
        byte[] bomb = TestFiles.docx(new byte[40_000_000]);
        assertTrue(bomb.length < MAX, "the bomb is " + bomb.length + " bytes");

        ApiClient.Reply reply = refused(400, "pommi.docx", bomb);

        assertTrue(((String) reply.get("errors.0.message")).contains("decompression bomb"), reply.text());
    }

    @Test
    void aDocumentWithMacrosIsRefused() {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8));
        entries.put("word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));
        entries.put("word/vbaProject.bin", new byte[]{1, 2, 3});
        refused(415, "makro.docx", TestFiles.zip(entries));
    }

    @Test
    void aPngWithAnArchiveAfterItsEndIsRefusedAsAPolyglot() {
        byte[] polyglot = concat(image("png", 50, 50), TestFiles.zip(Map.of("x.html", "<script>1</script>".getBytes(StandardCharsets.UTF_8))));
        refused(415, "kaksoiselama.png", polyglot);
    }

    @Test
    void aPdfThatIsAlsoAnArchiveIsRefusedAsAPolyglot() {
        byte[] polyglot = concat(pdf("Kaksi"), TestFiles.zip(Map.of("a.txt", new byte[]{'a'})));
        refused(415, "kaksoiselama.pdf", polyglot);
    }

    @Test
    void anExecutableIsRefusedWhateverItsName() {
        byte[] elf = new byte[256];
        System.arraycopy(new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
        refused(415, "kuva.png", elf);
    }

    @Test
    void aFileNamedAsAnotherTypeIsRefused() {
        refused(415, "asiakirja.pdf", image("png", 20, 20));
    }

    @Test
    void aPathLikeNameIsRefused() {
        refused(400, "../../etc/passwd.png", image("png", 20, 20));
        refused(400, "C:\\Users\\x\\kuva.png", image("png", 20, 20));
    }

    @Test
    void aVeryLongNameIsRefused() {
        refused(400, "a".repeat(300) + ".png", image("png", 20, 20));
    }

    @Test
    void aFileOverTheSizeLimitIsA413() {
        byte[] big = concat(pdf("Iso"), new byte[(int) MAX]);
        refused(413, "iso.pdf", big);
    }

    @Test
    void aJsonBodyOverTheBufferLimitIsStillA413() {
        ApiClient.Reply reply = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Iso", "body", "x".repeat(1_100_000)))));

        assertEquals(413, reply.status(), reply.text());
    }

    @Test
    void anUploadCutOffMidStreamLeavesNoFileBehind() throws Exception {
        int before = count();
        byte[] body = TestFiles.multipart("kesken.pdf", concat(pdf("Kesken"), new byte[500_000]));
        try (Socket socket = new Socket("127.0.0.1", port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/media HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + TestFiles.MULTIPART + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            waitFor(() -> tempFiles() > 0);
        }
        waitFor(() -> tempFiles() == 0);
        assertEquals(before, count());
    }

    private ApiClient.Reply refused(int status, String name, String content) {
        return refused(status, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private ApiClient.Reply refused(int status, String name, byte[] content) {
        int before = count();
        ApiClient.Reply reply = upload(editor, name, content);
        assertEquals(status, reply.status(), reply.text());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(before, count(), "nothing is stored");
        assertEquals(0, tempFiles(), "no temporary file is left");
        return reply;
    }

    private int count() {
        return editor.get("/api/v1/media").list().size();
    }

    private static long tempFiles() {
        Path tmp = DIR.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int port() {
        return server.getPort();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
