package fi.laituri.language;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.TestDatabase;
import fi.laituri.security.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This class's application adds English and Swedish easy-read (lättläst) to the default languages
 * through properties alone; the tests of the default configuration start a context without them.
 */
@MicronautTest(transactional = false)
class LanguagesTest extends ApiTest {

    @Inject
    Languages languages;


    ApiClient editor;
    Languages defaults;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "laituri.languages.en.order", "4",
                "laituri.languages.en.name", "English",
                "laituri.languages.en.source", "fi",
                "laituri.languages.sv-lattlast.order", "5",
                "laituri.languages.sv-lattlast.name", "Svenska lättläst",
                "laituri.languages.sv-lattlast.html-lang", "sv",
                "laituri.languages.sv-lattlast.source", "sv",
                "laituri.languages.sv-lattlast.adaptation", "true");
    }

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    @BeforeAll
    void readTheDefaultConfiguration() {
        try (ApplicationContext context = ApplicationContext.run(TestDatabase.freshDatabase())) {
            defaults = context.getBean(Languages.class);
        }
    }

    @Test
    void theDefaultConfigurationHasFinnishSwedishAndPlainFinnishInThatOrder() {
        List<Language> all = defaults.all();

        assertEquals(List.of("fi", "sv", "selko"), all.stream().map(Language::code).toList());
        assertEquals(List.of("Suomi", "Svenska", "Selkosuomi"), all.stream().map(Language::name).toList());
    }

    @Test
    void finnishIsTheDefaultLanguage() {
        assertEquals("fi", defaults.defaultLanguage().code());
    }

    @Test
    void plainFinnishIsAnAdaptationOfFinnishMarkedUpAsFinnish() {
        Language selko = defaults.find("selko").orElseThrow();

        assertEquals("fi", selko.htmlLang());
        assertEquals(Optional.of("fi"), selko.source());
        assertTrue(selko.adaptation());
    }

    @Test
    void swedishIsATranslationOfFinnish() {
        Language sv = defaults.find("sv").orElseThrow();

        assertEquals("sv", sv.htmlLang());
        assertEquals(Optional.of("fi"), sv.source());
        assertFalse(sv.adaptation());
    }

    @Test
    void configuredLanguagesFollowTheDefaultsInTheirOrder() {
        assertEquals(List.of("fi", "sv", "selko", "en", "sv-lattlast"),
                languages.all().stream().map(Language::code).toList());
    }

    @Test
    void englishIsConfiguredAsATranslationOfFinnish() {
        Language en = languages.find("en").orElseThrow();

        assertEquals("English", en.name());
        assertEquals("en", en.htmlLang());
        assertEquals("en", en.prefix());
        assertEquals(Optional.of("fi"), en.source());
        assertFalse(en.adaptation());
    }

    @Test
    void swedishEasyReadIsConfiguredAsAnAdaptationOfSwedishMarkedUpAsSwedish() {
        Language lattlast = languages.find("sv-lattlast").orElseThrow();

        assertEquals("Svenska lättläst", lattlast.name());
        assertEquals("sv", lattlast.htmlLang());
        assertEquals(Optional.of("sv"), lattlast.source());
        assertTrue(lattlast.adaptation());
    }

    @Test
    void anEnglishVariantCanBeCreatedAndListed() {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "en", "title", "The partnership programme"))));
        assertEquals(201, created.status());
        Number id = created.get("id");

        ApiClient.Reply listed = editor.get("/api/v1/documents?language=en&q=partnership");
        ApiClient.Reply variant = editor.get("/api/v1/documents/" + id + "/variants/en");

        assertEquals(200, listed.status());
        assertEquals(List.of(id.longValue()), ids(listed));
        assertEquals(200, variant.status());
        assertEquals("The partnership programme", variant.get("title"));
        assertEquals("the-partnership-programme", variant.get("slug"));
    }

    @Test
    void aSwedishEasyReadVariantCanBeAddedToADocument() {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "sv", "title", "Partnerskapsprogrammet"))));
        Number id = created.get("id");

        ApiClient.Reply added = editor.post("/api/v1/documents/" + id + "/variants",
                Map.of("language", "sv-lattlast", "title", "Vad är partnerskapsprogrammet?"));
        ApiClient.Reply document = editor.get("/api/v1/documents/" + id);

        assertEquals(201, added.status());
        assertEquals("sv-lattlast", added.get("language"));
        assertEquals(List.of("sv", "sv-lattlast"), languagesOf(document));
    }

    @Test
    void anUnknownLanguageIsStillRefused() {
        ApiClient.Reply refused = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "de", "title", "Das Partnerschaftsprogramm"))));

        assertEquals(400, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals("variants[0].language", refused.get("errors.0.field"));
    }

    @Test
    void listingByAnUnknownLanguageIsRefused() {
        assertEquals(400, editor.get("/api/v1/documents?language=de").status());
    }

    private static List<Long> ids(ApiClient.Reply page) {
        List<Map<String, Object>> items = page.get("items");
        return items.stream().map(item -> ((Number) item.get("id")).longValue()).toList();
    }

    private static List<String> languagesOf(ApiClient.Reply document) {
        List<Map<String, Object>> variants = document.get("variants");
        return variants.stream().map(v -> (String) v.get("language")).toList();
    }
}
