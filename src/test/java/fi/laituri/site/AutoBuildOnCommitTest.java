package fi.laituri.site;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * serve builds as soon as a publish commits, not at its next look at the outbox: here that look is an hour
 * away, so only the commit can have started the build.
 */
@MicronautTest(transactional = false)
class AutoBuildOnCommitTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-site-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    SiteBuilder builder;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "1h");
    }

    @BeforeAll
    void buildSite() {
        builder.build(SITE);
    }

    @Test
    void aPublishIsBuiltAsSoonAsItCommitsWithoutWaitingForThePoll() throws Exception {
        Thread.sleep(1500); // past the automatic build's first look, a second after start; the next is an hour away
        ApiClient editor = ApiClient.as(client, users, Role.EDITOR);
        ApiClient publisher = ApiClient.as(client, users, Role.PUBLISHER);
        String title = "Heti näkyvä " + System.nanoTime();
        ApiClient.Reply created = ApiClient.publishNewArticle(editor, publisher, title, "Julkaistu juuri nyt.");
        Path page = SITE.resolve("current/fi/" + created.get("variants.0.slug") + "/index.html");

        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!Files.isRegularFile(page)) {
            assertTrue(System.nanoTime() < deadline, "the page was not built within 15 s of the publish");
            Thread.sleep(20);
        }
        assertTrue(new String(Files.readAllBytes(page), StandardCharsets.UTF_8).contains(title));
    }
}
