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
 * serve builds as soon as a publish commits, not at its next look at the outbox: here its first look, and every
 * one after it, is an hour away, so only the commit can have started the build.
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

    /**
     * Made here, as the first scheduled look makes it in serve; that look, and every later one, is an hour away,
     * so only the commit can start a build.
     */
    @Inject
    AutoBuild autoBuild;

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
