package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SlugApiTest extends ApiTest {

    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    static Stream<String> invalidSlugs() {
        return Stream.of("../etc", "..", "a/b", "%2e%2e", "UPPER", "Mixed-case", "-lead", "trail-", "a--b", "a b",
                "a.b", "a_b", "ä", "", "x".repeat(101), "x".repeat(200), "a\u0000b", "a\u0007b", "a\nb", "a\tb",
                "\u001b[31m", "/etc/passwd", "C:\\windows", "a\\b");
    }

    @Test
    void aSlugIsMadeFromTheTitleWithFinnishAndSwedishLettersTransliterated() {
        ApiClient.Reply created = Drafts.create(editor, "article", variant("fi", "Äänestys Östersundissa ja Åbossa"));

        assertEquals(201, created.status());
        assertEquals("aanestys-ostersundissa-ja-abossa", created.get("variants.0.slug"));
    }

    @Test
    void twoDocumentsWithTheSameTitleGetDistinctSlugsInOneLanguage() {
        String title = "Sama otsikko " + uniqueWord();
        String first = Drafts.create(editor, "article", variant("fi", title)).get("variants.0.slug");

        String second = Drafts.create(editor, "article", variant("fi", title)).get("variants.0.slug");

        assertEquals(title.toLowerCase().replace(' ', '-'), first);
        assertNotEquals(first, second);
        assertTrue(second.startsWith(first + "-"), second);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one word of three hundred letters", "a hyphen where the number goes"})
    void twoDocumentsWithTheSameLongTitleGetDistinctValidSlugs(String shape) {
        String title = shape.startsWith("one") ? "s".repeat(300) : "s".repeat(97) + " " + uniqueWord().substring(0, 2);

        ApiClient.Reply first = withKey(uniqueWord(), variant("fi", title));
        ApiClient.Reply second = withKey(uniqueWord(), variant("fi", title));

        assertEquals(201, first.status(), first.text());
        assertEquals(201, second.status(), second.text());
        assertNotEquals((Object) first.get("variants.0.slug"), second.get("variants.0.slug"));
        for (ApiClient.Reply created : List.of(first, second)) {
            String slug = created.get("variants.0.slug");
            assertTrue(slug.length() <= 100 && slug.matches("[a-z0-9]+(-[a-z0-9]+)*"), slug);
        }
    }

    @Test
    void theSameTitleInTwoLanguagesGetsThePlainSlugInBoth() {
        String title = "Partnerskap " + uniqueWord();
        String plain = title.toLowerCase().replace(' ', '-');

        String finnish = Drafts.create(editor, "article", variant("fi", title)).get("variants.0.slug");
        String swedish = Drafts.create(editor, "article", variant("sv", title)).get("variants.0.slug");

        assertEquals(plain, finnish);
        assertEquals(plain, swedish);
    }

    @ParameterizedTest
    @MethodSource("invalidSlugs")
    void anInvalidSuppliedSlugIsRefusedWith400OnTheSlugField(String slug) {
        long id = article(editor, variant("fi", "Oikea sivu " + uniqueWord()));

        ApiClient.Reply refused = editor.post("/api/v1/documents/" + id + "/variants", variant("sv", "Sidan", "slug", slug));

        assertEquals(400, refused.status());
        assertEquals(List.of("slug"), fields(refused));
        assertEquals(404, editor.get(variantUri(id, "sv")).status());
    }

    @ParameterizedTest
    @MethodSource("invalidSlugs")
    void anInvalidSlugInAPatchIsRefusedWith400AndTheSlugStays(String slug) {
        long id = article(editor, variant("fi", "Pysyvä osoite " + uniqueWord()));
        ApiClient.Reply before = editor.get(variantUri(id, "fi"));

        ApiClient.Reply refused = editor.patch(variantUri(id, "fi"), Map.of("slug", slug), before.etag());

        assertEquals(400, refused.status());
        assertEquals(List.of("slug"), fields(refused));
        assertEquals((Object) before.get("slug"), editor.get(variantUri(id, "fi")).get("slug"));
    }

    @Test
    void aValidSuppliedSlugIsKeptAsGiven() {
        String slug = "oma-" + uniqueWord() + "-2024";

        ApiClient.Reply created = Drafts.create(editor, "article", variant("fi", "Mikä tahansa", "slug", slug));

        assertEquals(201, created.status());
        assertEquals(slug, created.get("variants.0.slug"));
    }

    @Test
    void aSuppliedSlugAlreadyUsedInThatLanguageIsRefusedWith409() {
        String slug = "varattu-" + uniqueWord();
        article(editor, variant("fi", "Ensimmäinen", "slug", slug));

        ApiClient.Reply refused = Drafts.create(editor, "article", variant("fi", "Toinen", "slug", slug));

        assertEquals(409, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
    }

    @Test
    void changingASlugToOneUsedInThatLanguageIsRefusedWith409() {
        String taken = "toisen-" + uniqueWord();
        article(editor, variant("fi", "Toinen sivu", "slug", taken));
        long id = article(editor, variant("fi", "Oma sivu " + uniqueWord()));
        ApiClient.Reply before = editor.get(variantUri(id, "fi"));

        ApiClient.Reply refused = editor.patch(variantUri(id, "fi"), Map.of("slug", taken), before.etag());

        assertEquals(409, refused.status());
        assertEquals((Object) before.get("slug"), editor.get(variantUri(id, "fi")).get("slug"));
    }

    @Test
    void theSameSuppliedSlugInAnotherLanguageIsAccepted() {
        String slug = "yhteinen-" + uniqueWord();
        article(editor, variant("fi", "Suomeksi", "slug", slug));

        ApiClient.Reply created = Drafts.create(editor, "article", variant("sv", "På svenska", "slug", slug));

        assertEquals(201, created.status());
        assertEquals(slug, created.get("variants.0.slug"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blog", "tags", "search"})
    void aReservedSuppliedSlugIsRefusedWith400OnTheSlugFieldAndNothingIsCreated(String slug) {
        long id = article(editor, variant("fi", "Oikea sivu " + uniqueWord()));

        ApiClient.Reply refused = editor.post("/api/v1/documents/" + id + "/variants", variant("sv", "Sidan", "slug", slug));

        assertEquals(400, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(List.of("slug"), fields(refused));
        assertTrue(refused.text().contains("reserved"), refused.text());
        assertEquals(404, editor.get(variantUri(id, "sv")).status());
    }

    @Test
    void changingASlugToAReservedOneIsRefusedWith400AndTheSlugStays() {
        long id = article(editor, variant("fi", "Pysyvä osoite " + uniqueWord()));
        ApiClient.Reply before = editor.get(variantUri(id, "fi"));

        ApiClient.Reply refused = editor.patch(variantUri(id, "fi"), Map.of("slug", "tags"), before.etag());

        assertEquals(400, refused.status());
        assertEquals(List.of("slug"), fields(refused));
        assertEquals((Object) before.get("slug"), editor.get(variantUri(id, "fi")).get("slug"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Blog", "Search", "TAGS"})
    void aTitleWhoseSlugWouldBeReservedGetsANumberedSlug(String title) {
        ApiClient.Reply created = Drafts.create(editor, "article", variant("sv", title));

        assertEquals(201, created.status(), created.text());
        assertEquals(title.toLowerCase() + "-2", created.get("variants.0.slug"));
    }

    private ApiClient.Reply withKey(String key, Map<String, Object> variant) {
        return editor.post("/api/v1/documents", Map.of("kind", "article", "key", key, "variants", List.of(variant)));
    }

    private static List<Object> fields(ApiClient.Reply problem) {
        List<?> errors = problem.get("errors");
        if (errors == null) {
            throw new AssertionError("no field errors in " + problem.text());
        }
        return errors.stream().map(e -> ((Map<?, ?>) e).get("field")).map(Object.class::cast).toList();
    }
}
