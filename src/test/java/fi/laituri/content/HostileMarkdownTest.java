package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.FileTrees;
import fi.laituri.security.Role;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies that would take the Markdown parser down (deep nesting, long runs of markup, huge lines) never
 * produce a 500 or stop a build or a start: new ones are refused with a 400 naming the body and its limit,
 * and ones already stored (written here straight to the database, as from before the limits) leave their
 * page out of the site and answer a problem on the public API. Every call answers within a second.
 */
@MicronautTest(transactional = false)
class HostileMarkdownTest extends ApiTest {

    private static final Duration CALL = Duration.ofSeconds(1);
    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-hostile-markdown-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Body(String name, String text) {
        @Override
        public String toString() {
            return name + " (" + text.length() + " chars)";
        }
    }

    @Inject
    SiteBuilder builder;
    @Inject
    ApplicationContext context;

    ApiClient editor;
    ApiClient publisher;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", SITE.toString());
    }

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
    }

    @AfterAll
    void removeSite() throws IOException {
        FileTrees.delete(SITE);
    }

    static Stream<Body> pathologicalBodies() {
        return Stream.of(
                new Body("deep block quotes", ">".repeat(3500) + " teksti"),
                new Body("deep spaced block quotes", "> ".repeat(2000) + "teksti"),
                new Body("deep bullet lists", "- ".repeat(2000) + "kohta"),
                new Body("deep ordered lists", "1. ".repeat(1500) + "kohta"),
                new Body("quotes and lists mixed", "> - 1) ".repeat(700) + "kohta"),
                new Body("emphasis around one letter", "*".repeat(50_000) + "a" + "*".repeat(50_000)),
                new Body("underscores around one letter", "_".repeat(20_000) + "a" + "_".repeat(20_000)),
                new Body("emphasis opened word by word", "*sana ".repeat(8000) + "sana* ".repeat(8000)),
                new Body("nested link brackets", "[".repeat(20_000) + "a" + "](b)".repeat(20_000)),
                new Body("nested images", "![".repeat(5000) + "a" + "](b)".repeat(5000)),
                new Body("unclosed link destinations", "[a](".repeat(10_000)),
                new Body("backtick runs", "`".repeat(30_000) + "a" + "``".repeat(10_000)),
                new Body("entity storm", "&amp;&#x41;&ouml;".repeat(6000)),
                new Body("angle brackets", "<".repeat(80_000)),
                new Body("unclosed tags", "<a href=x ".repeat(8000)),
                new Body("closing tags", "</".repeat(30_000)),
                new Body("one long line", "x".repeat(900_000)),
                new Body("many table columns", "|" + "a|".repeat(5000) + "\n|" + "-|".repeat(5000) + "\n"));
    }

    @ParameterizedTest
    @MethodSource("pathologicalBodies")
    void creatingAVariantWithAPathologicalBodyIsA400NamingTheBody(Body body) {
        ApiClient.Reply refused = timed(() -> Drafts.create(editor, "article", variant("fi", "Vihamielinen " + uniqueWord(),
                "body", body.text())));

        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals("variants[0].body", refused.get("errors.0.field"), refused.text());
        assertTrue(((String) refused.get("errors.0.message")).contains("at most"), refused.text());
    }

    @ParameterizedTest
    @MethodSource("pathologicalBodies")
    void patchingAPathologicalBodyIntoAVariantIsA400AndLeavesItAsItWas(Body body) {
        long id = article(editor, variant("fi", "Ennallaan " + uniqueWord(), "body", "Tavallinen teksti."));
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply refused = timed(() -> editor.patch(variantUri(id, "fi"), Map.of("body", body.text()), etag));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("body", refused.get("errors.0.field"), refused.text());
        assertEquals("Tavallinen teksti.", editor.get(variantUri(id, "fi")).get("body"));
    }

    @Test
    void aLongRealisticDocumentWithTablesAndListsIsAccepted() {
        StringBuilder body = new StringBuilder("## Toimintasuunnitelma\n\n");
        for (int section = 1; section <= 40; section++) {
            body.append("### Tavoite ").append(section).append("\n\n")
                    .append("Kumppanuusohjelman **tavoitteena** on _edistää_ kotoutumista ja [osallisuutta](https://kotoutuminen.fi/). ".repeat(4))
                    .append("\n\n- Toimenpide yksi\n  - tarkennus `koodi`\n- Toimenpide kaksi\n\n")
                    .append("| Toimija | Vastuu | Aikataulu |\n|---|---|---|\n")
                    .append("| TEM | **koordinointi** | 2021–2022 |\n".repeat(5)).append("\n");
        }

        ApiClient.Reply created = Drafts.create(editor, "article", variant("fi", "Pitkä " + uniqueWord(), "body", body.toString()));

        assertEquals(201, created.status(), created.text());
    }

    @Test
    void aStoredPathologicalBodyIsLeftOutOfTheBuildAndReportedWhileTheOtherPagesAreBuilt() {
        Published bad = publishedThenSpoiled(">".repeat(3500) + " teksti");
        Published good = published("Tavallinen sivu.");

        BuildReport report = builder.build(SITE);

        assertTrue(report.warnings().stream().anyMatch(w -> w.startsWith(bad.key() + " (fi)") && w.contains("at most")),
                () -> String.join("\n", report.warnings()));
        assertFalse(Files.exists(report.live().resolve("fi/" + bad.slug() + "/index.html")));
        assertTrue(Files.exists(report.live().resolve("fi/" + good.slug() + "/index.html")));
    }

    @ParameterizedTest
    @MethodSource("pathologicalBodies")
    void thePublicApiAnswersAStoredPathologicalBodyWithAProblemWithinASecond(Body body) {
        Published bad = publishedThenSpoiled(body.text());

        ApiClient.Reply reply = timed(() -> new ApiClient(client, null).get("/api/public/v1/fi/" + bad.slug()));

        assertEquals(422, reply.status(), reply.text());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    }

    @ParameterizedTest
    @MethodSource("pathologicalBodies")
    void anEditorReadsAndSubmitsAStoredPathologicalBodyWithoutHtml(Body body) {
        long id = article(editor, variant("fi", "Luonnos " + uniqueWord(), "body", "Aluksi kelvollinen."));
        spoil(id, body.text());

        ApiClient.Reply read = timed(() -> editor.get(variantUri(id, "fi")));
        ApiClient.Reply submitted = timed(() -> editor.post(variantUri(id, "fi") + "/transitions", Map.of("action", "submit")));

        assertEquals(200, read.status(), read.text());
        assertEquals(body.text(), read.get("body"));
        assertNull(read.get("html"));
        assertTrue(submitted.status() < 500, submitted.text());
    }

    @Test
    void aPreviewOfAStoredPathologicalBodySaysInTheReadersLanguageThatTheTextCannotBeShown() {
        long id = article(editor, variant("fi", "Esikatselu " + uniqueWord(), "body", "Aluksi kelvollinen."));
        spoil(id, "*".repeat(50_000) + "a" + "*".repeat(50_000));
        String url = editor.post(variantUri(id, "fi") + "/preview-links", Map.of()).get("url");

        ApiClient.Reply preview = timed(() -> new ApiClient(client, null).get(url));

        assertEquals(200, preview.status(), preview.text());
        assertTrue(preview.text().contains("Tämän sivun tekstiä ei voi näyttää"), preview.text());
    }

    @Test
    void restoringARevisionWhoseStoredBodyIsPathologicalIsA400NamingTheBody() {
        long id = article(editor, variant("fi", "Palautus " + uniqueWord(), "body", "Ensimmäinen."));
        spoil(id, "[".repeat(20_000) + "a");
        String etag = editor.get(variantUri(id, "fi")).etag();
        editor.patch(variantUri(id, "fi"), Map.of("body", "Toinen, kelvollinen."), etag);
        String current = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply refused = timed(() -> editor.post(variantUri(id, "fi") + "/revisions/1/restore", null, current));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("body", refused.get("errors.0.field"), refused.text());
        assertEquals("Toinen, kelvollinen.", editor.get(variantUri(id, "fi")).get("body"));
    }

    @Test
    void exportingAStoredPathologicalBodyForTranslationIsAProblemNamingWhy() {
        long id = article(editor, variant("fi", "Käännös " + uniqueWord(), "body", "Aluksi kelvollinen."));
        spoil(id, "- ".repeat(2000) + "kohta");

        ApiClient.Reply reply = timed(() -> editor.get("/api/v1/translations/" + id + "/sv/xliff"));

        assertEquals(422, reply.status(), reply.text());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    }

    @Test
    void aStartAgainstStoredPathologicalBodiesBuildsIndexesAndServes() {
        List<Published> bad = pathologicalBodies().map(b -> publishedThenSpoiled(b.text())).toList();
        Published good = published("Tämä sivu näkyy.");
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of("datasources.default.url", "datasources.default.username", "datasources.default.password")) {
            properties.put(name, context.getRequiredProperty(name, String.class));
        }
        properties.put("micronaut.server.port", -1);
        properties.put("laituri.site.output", SITE.toString());

        try (ApplicationContext restarted = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start()) {
            BuildReport report = restarted.getBean(SiteBuilder.class).build(SITE);
            EmbeddedServer server = restarted.getBean(EmbeddedServer.class).start();
            try (HttpClient http = HttpClient.create(server.getURL())) {
                ApiClient reader = new ApiClient(http, null);

                assertTrue(bad.stream().allMatch(b -> report.warnings().stream().anyMatch(w -> w.startsWith(b.key() + " (fi)"))),
                        () -> String.join("\n", report.warnings()));
                assertEquals(200, reader.get("/api/public/v1/fi/" + good.slug()).status());
                for (Published b : bad) {
                    ApiClient.Reply reply = timed(() -> reader.get("/api/public/v1/fi/" + b.slug()));
                    assertEquals(422, reply.status(), reply.text());
                }
            }
        }
    }

    private record Published(long id, String key, String slug) {
    }

    private Published published(String body) {
        ApiClient.Reply created = ApiClient.publishNewArticle(editor, publisher, "Julkaistu " + uniqueWord(), body);
        long id = Drafts.id(created);
        ApiClient.Reply read = editor.get("/api/v1/documents/" + id);
        return new Published(id, read.get("key"), read.get("variants.0.slug"));
    }

    private Published publishedThenSpoiled(String body) {
        Published page = published("Aluksi kelvollinen.");
        spoil(page.id(), body);
        return page;
    }

    /** Writes a body into the Finnish variant and all its revisions, as one stored before the limits would be. */
    private void spoil(long documentId, String body) {
        try (Connection c = DriverManager.getConnection(context.getRequiredProperty("datasources.default.url", String.class),
                context.getRequiredProperty("datasources.default.username", String.class),
                context.getProperty("datasources.default.password", String.class).orElse(""));
             PreparedStatement variant = c.prepareStatement("UPDATE variant SET body = ? WHERE document_id = ? AND language = 'fi'");
             PreparedStatement revisions = c.prepareStatement("UPDATE revision r JOIN variant v ON v.id = r.variant_id "
                     + "SET r.body = ? WHERE v.document_id = ? AND v.language = 'fi'")) {
            for (PreparedStatement update : List.of(variant, revisions)) {
                update.setString(1, body);
                update.setLong(2, documentId);
                assertTrue(update.executeUpdate() > 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(CALL) <= 0, () -> "took " + took.toMillis() + " ms");
        return result;
    }
}
