package fi.laituri.participation;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.TestClock;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A post's comment window closes with time, which no change names: a build after an edit of another document, which
 * takes the other pages over from the live build as they are, still renders the post's page without its form.
 */
@MicronautTest(transactional = false)
class CommentWindowBuildTest extends ApiTest {

    private final TestClock clock = new TestClock();

    @Inject
    SiteBuilder builder;

    @Inject
    MeterRegistry meters;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.participation.comments.open-for", "30d", "laituri.scheduler.enabled", "false");
    }

    @Test
    void aPostWhoseWindowClosedSinceTheLastBuildLosesItsFormInABuildAfterAnUnrelatedEdit(@TempDir Path site) throws IOException {
        ApiClient editor = ApiClient.as(client, users, Role.EDITOR);
        ApiClient publisher = ApiClient.as(client, users, Role.PUBLISHER);
        // Dated a day before its window closes, by the test clock.
        String date = OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(29)), ZoneOffset.UTC).toString();
        ApiClient.Reply post = editor.post("/api/v1/documents", Map.of("kind", "blog_post", "variants",
                List.of(Map.of("language", "fi", "title", "Ikkuna " + System.nanoTime(), "body", "Teksti.", "date", date))));
        publish(editor, publisher, post.<Number>get("id").longValue());
        long other = ApiClient.publishNewArticle(editor, publisher, "Muu " + System.nanoTime(), "Alku.").<Number>get("id").longValue();
        ApiClient.publishNewArticle(editor, publisher, "Ennallaan " + System.nanoTime(), "Pysyy.");
        Path page = site.resolve("current/fi/" + post.get("variants.0.slug") + "/index.html");

        builder.build(site);
        assertTrue(read(page).contains("comment-form"), "the window is open");
        // Two one-edit builds: the second takes the unchanged pages over from the live build.
        edit(editor, publisher, other, "Toinen.");
        builder.update(site, Set.of(other));
        clock.advance(Duration.ofDays(2));
        double carried = meters.counter("laituri.site.files.carried").count();
        edit(editor, publisher, other, "Kolmas.");
        builder.update(site, Set.of(other));

        assertTrue(meters.counter("laituri.site.files.carried").count() > carried, "the build carried pages over");
        String html = read(page);
        assertFalse(html.contains("comment-form"), "the closed window's form is gone");
        assertTrue(html.contains("comments-closed"), html);
    }

    private static void edit(ApiClient editor, ApiClient publisher, long id, String body) {
        ApiClient.Reply variant = editor.get("/api/v1/documents/" + id + "/variants/fi");
        editor.patch("/api/v1/documents/" + id + "/variants/fi", Map.of("body", body), variant.etag());
        publish(editor, publisher, id);
    }

    private static void publish(ApiClient editor, ApiClient publisher, long id) {
        String transitions = "/api/v1/documents/" + id + "/variants/fi/transitions";
        editor.post(transitions, Map.of("action", "submit"));
        publisher.post(transitions, Map.of("action", "approve"));
        ApiClient.Reply published = publisher.post(transitions, Map.of("action", "publish"));
        if (published.status() != 200) {
            throw new AssertionError("the publish was refused: " + published.status() + " " + published.text());
        }
    }

    private static String read(Path page) throws IOException {
        return Files.readString(page, StandardCharsets.UTF_8);
    }
}
