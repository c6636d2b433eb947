package fi.laituri.media;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language home's introduction, which an editor writes like any page, may show an image too. */
@MicronautTest(transactional = false)
class MediaOnTheHomeTest extends ApiTest {

    @Inject
    SiteBuilder builder;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            return Map.of("laituri.media.directory", Files.createTempDirectory("laituri-media-home").toString(),
                    "laituri.scheduler.enabled", "false");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anImageInTheHomesIntroductionIsShownWithItsAltTextAndItsFilesArePublished() throws IOException {
        ApiClient editor = ApiClient.as(client, users, Role.EDITOR);
        ApiClient publisher = ApiClient.as(client, users, Role.PUBLISHER);
        assertEquals(201, TestFiles.upload(editor, "satama.jpg", TestFiles.image("jpeg", 800, 600)).status());
        assertEquals(200, editor.put("/api/v1/media/satama/texts", Map.of("decorative", false, "texts", Map.of(
                "fi", Map.of("title", "Satama", "alt", "Laituri aamuauringossa"))), "*").status());
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "page", "key", "home",
                "variants", List.of(Map.of("language", "fi", "title", "Tervetuloa",
                        "body", "Kotoutumisen kumppanuusohjelma.\n\n![Satama](media:satama)\n"))));
        assertEquals(201, created.status(), created.text());
        String variant = "/api/v1/documents/" + created.get("id") + "/variants/fi/transitions";
        assertEquals(200, editor.post(variant, Map.of("action", "submit")).status());
        assertEquals(200, publisher.post(variant, Map.of("action", "approve")).status());
        assertEquals(200, publisher.post(variant, Map.of("action", "publish")).status());

        Path site = Files.createTempDirectory("laituri-media-home-out");
        BuildReport report = builder.build(site);

        assertEquals(List.of(), report.warnings());
        String home = Files.readString(site.resolve("current/fi/index.html"));
        Matcher img = Pattern.compile("<img [^>]*src=\"(/media/[0-9a-f]{16}-800\\.jpg)\"[^>]*alt=\"Laituri aamuauringossa\"")
                .matcher(home);
        assertTrue(img.find(), home);
        assertTrue(Files.isRegularFile(site.resolve("current" + img.group(1))), img.group(1) + " is published");
    }
}
