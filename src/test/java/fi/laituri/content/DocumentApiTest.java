package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.encode;
import static fi.laituri.content.Drafts.id;
import static fi.laituri.content.Drafts.ids;
import static fi.laituri.content.Drafts.revisions;
import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class DocumentApiTest extends ApiTest {

    @Inject
    ContentExchange content;

    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    // --- documents -------------------------------------------------------------------------------

    @Test
    void creatingADocumentWithAFinnishVariantReturnsItWithAGeneratedSlug() {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(Map.of("language", "fi", "title", "Kotoutumisen tuki työ- ja elinkeinoministeriössä"))));

        assertEquals(201, created.status());
        assertNotNull(created.headers().get("Location"));
        assertEquals("kotoutumisen-tuki-tyo-ja-elinkeinoministeriossa", created.get("variants.0.slug"));
        assertEquals("draft", created.get("variants.0.status"));
    }

    @Test
    void aCreatedDocumentReadsBackAtItsLocationWithItsVariantsAndAnETag() {
        ApiClient.Reply created = editor.post("/api/v1/documents", Map.of("kind", "page", "key", "contact-us",
                "variants", List.of(variant("fi", "Yhteystiedot"), variant("sv", "Kontaktuppgifter"))));

        ApiClient.Reply read = editor.get(created.headers().get("Location"));

        assertEquals(200, read.status());
        assertEquals(id(created), id(read));
        assertEquals("page", read.get("kind"));
        assertEquals("contact-us", read.get("key"));
        assertEquals(List.of("fi", "sv"), List.of(read.get("variants.0.language"), read.get("variants.1.language")));
        assertEquals("\"" + read.get("version") + "\"", read.etag());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one word of three hundred letters", "a hyphen where the number goes"})
    void twoDocumentsWithTheSameLongTitleGetDistinctValidKeys(String shape) {
        String title = shape.startsWith("one") ? "k".repeat(300) : "k".repeat(97) + " " + uniqueWord().substring(0, 2);

        ApiClient.Reply first = Drafts.create(editor, "article", variant("fi", title));
        ApiClient.Reply second = Drafts.create(editor, "article", variant("fi", title));

        assertEquals(201, first.status(), first.text());
        assertEquals(201, second.status(), second.text());
        assertNotEquals((Object) first.get("key"), second.get("key"));
        for (ApiClient.Reply created : List.of(first, second)) {
            String key = created.get("key");
            assertTrue(key.length() <= 100 && key.matches("[a-z0-9]+(-[a-z0-9]+)*"), key);
        }
    }

    @Test
    void patchingADocumentWithItsETagChangesItsKeyAndKind() {
        long id = article(editor, variant("fi", "Ohjelman esittely"));
        String etag = editor.get("/api/v1/documents/" + id).etag();

        ApiClient.Reply patched = editor.patch("/api/v1/documents/" + id, Map.of("kind", "page", "key", "programme"), etag);

        assertEquals(200, patched.status());
        ApiClient.Reply read = editor.get("/api/v1/documents/" + id);
        assertEquals("page", read.get("kind"));
        assertEquals("programme", read.get("key"));
        assertEquals(patched.etag(), read.etag());
    }

    @Test
    void patchingADocumentWithoutIfMatchIsRefusedWith428AndChangesNothing() {
        long id = article(editor, variant("fi", "Avoin hallinto"));
        ApiClient.Reply before = editor.get("/api/v1/documents/" + id);

        ApiClient.Reply patched = editor.patch("/api/v1/documents/" + id, Map.of("kind", "page"), null);

        assertEquals(428, patched.status());
        assertEquals(((Number) before.get("version")).longValue(), ((Number) patched.get("currentVersion")).longValue());
        assertEquals("article", editor.get("/api/v1/documents/" + id).get("kind"));
    }

    @Test
    void deletingADocumentWithoutIfMatchIsRefusedWith428AndKeepsIt() {
        long id = article(editor, variant("fi", "Säilytettävä sivu"));

        ApiClient.Reply deleted = editor.delete("/api/v1/documents/" + id, null);

        assertEquals(428, deleted.status());
        assertEquals(200, editor.get("/api/v1/documents/" + id).status());
    }

    @Test
    void deletingADocumentWithItsETagRemovesItAndItsVariants() {
        long id = article(editor, variant("fi", "Poistettava sivu"));
        String etag = editor.get("/api/v1/documents/" + id).etag();

        ApiClient.Reply deleted = editor.delete("/api/v1/documents/" + id, etag);

        assertEquals(204, deleted.status());
        assertEquals(404, editor.get("/api/v1/documents/" + id).status());
        assertEquals(404, editor.get(variantUri(id, "fi")).status());
    }

    // --- variants --------------------------------------------------------------------------------

    @Test
    void addingAVariantToADocumentReturns201WithItsLocationAndETag() {
        long id = article(editor, variant("fi", "Tavoitteet ja periaatteet"));

        ApiClient.Reply created = editor.post("/api/v1/documents/" + id + "/variants",
                variant("sv", "Mål och principer", "body", "Texten."));

        assertEquals(201, created.status());
        assertEquals(variantUri(id, "sv"), created.headers().get("Location"));
        assertEquals("mal-och-principer", created.get("slug"));
        assertEquals("\"" + created.get("version") + "\"", created.etag());
        assertEquals("Texten.", editor.get(variantUri(id, "sv")).get("body"));
    }

    @Test
    void readingAVariantReturnsItsVersionAsAStrongETag() {
        long id = article(editor, variant("fi", "Kumppanuusohjelma", "body", "Ohjelma *tukee* kuntia."));

        ApiClient.Reply read = editor.get(variantUri(id, "fi"));

        assertEquals(200, read.status());
        assertEquals("\"" + read.get("version") + "\"", read.etag());
        assertEquals("Ohjelma *tukee* kuntia.", read.get("body"));
        assertEquals(1, ((Number) read.get("revision")).intValue());
    }

    @Test
    void replacingAVariantWithItsETagStoresTheNewContentAsANewRevision() {
        long id = article(editor, variant("fi", "Vanha otsikko", "summary", "Vanha tiivistelmä", "tags", List.of("a")));
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply replaced = editor.put(variantUri(id, "fi"), variant("fi", "Uusi otsikko", "body", "Uusi teksti."), etag);

        assertEquals(200, replaced.status());
        ApiClient.Reply read = editor.get(variantUri(id, "fi"));
        assertEquals("Uusi otsikko", read.get("title"));
        assertEquals("Uusi teksti.", read.get("body"));
        assertEquals("", read.get("summary"));
        assertEquals(List.of(), read.get("tags"));
        assertEquals("vanha-otsikko", read.get("slug"));
        assertEquals(2, ((Number) read.get("revision")).intValue());
        assertEquals(replaced.etag(), read.etag());
        assertTrue(!etag.equals(read.etag()), "the ETag changes with the content");
    }

    @Test
    void patchingAVariantWithItsETagChangesOnlyTheFieldsSent() {
        long id = article(editor, variant("fi", "Otsikko pysyy", "summary", "Tiivistelmä pysyy", "body", "Vanha",
                "tags", List.of("kotoutuminen")));
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply patched = editor.patch(variantUri(id, "fi"), Map.of("body", "Uusi"), etag);

        assertEquals(200, patched.status());
        ApiClient.Reply read = editor.get(variantUri(id, "fi"));
        assertEquals("Otsikko pysyy", read.get("title"));
        assertEquals("Tiivistelmä pysyy", read.get("summary"));
        assertEquals(List.of("kotoutuminen"), read.get("tags"));
        assertEquals("Uusi", read.get("body"));
        assertEquals(2, ((Number) read.get("revision")).intValue());
    }

    @Test
    void aPutWithAStaleIfMatchGets412WithTheCurrentVersionAndChangesNothing() {
        long id = article(editor, variant("fi", "Ensimmäinen"));
        String stale = editor.get(variantUri(id, "fi")).etag();
        ApiClient.Reply current = editor.put(variantUri(id, "fi"), variant("fi", "Toinen"), stale);

        ApiClient.Reply refused = editor.put(variantUri(id, "fi"), variant("fi", "Kolmas"), stale);

        assertEquals(412, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(((Number) current.get("version")).longValue(), ((Number) refused.get("currentVersion")).longValue());
        assertEquals(current.etag(), refused.get("currentETag"));
        ApiClient.Reply read = editor.get(variantUri(id, "fi"));
        assertEquals("Toinen", read.get("title"));
        assertEquals(current.etag(), read.etag());
        assertEquals(2, revisions(editor, id, "fi").size());
    }

    @Test
    void aPutWithoutIfMatchGets428WithTheCurrentVersionAndChangesNothing() {
        long id = article(editor, variant("fi", "Ilman ehtoa"));
        ApiClient.Reply before = editor.get(variantUri(id, "fi"));

        ApiClient.Reply refused = editor.put(variantUri(id, "fi"), variant("fi", "Muutettu"), null);

        assertEquals(428, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(((Number) before.get("version")).longValue(), ((Number) refused.get("currentVersion")).longValue());
        assertEquals(before.etag(), refused.get("currentETag"));
        assertEquals("Ilman ehtoa", editor.get(variantUri(id, "fi")).get("title"));
    }

    @Test
    void aPatchWithAStaleIfMatchGets412AndChangesNothing() {
        long id = article(editor, variant("fi", "Paikkaus"));
        String stale = editor.get(variantUri(id, "fi")).etag();
        editor.patch(variantUri(id, "fi"), Map.of("body", "ensimmäinen muutos"), stale);

        ApiClient.Reply refused = editor.patch(variantUri(id, "fi"), Map.of("body", "toinen muutos"), stale);

        assertEquals(412, refused.status());
        assertEquals("ensimmäinen muutos", editor.get(variantUri(id, "fi")).get("body"));
    }

    @Test
    void aPutThatChangesNothingCreatesNoRevision() {
        Map<String, Object> body = variant("fi", "Muuttumaton", "summary", "Sama", "body", "Sama teksti.",
                "tags", List.of("x", "y"));
        long id = article(editor, body);
        ApiClient.Reply before = editor.get(variantUri(id, "fi"));

        ApiClient.Reply same = editor.put(variantUri(id, "fi"), body, before.etag());

        assertEquals(200, same.status());
        assertEquals(1, revisions(editor, id, "fi").size());
        assertEquals(before.etag(), editor.get(variantUri(id, "fi")).etag());
    }

    @Test
    void deletingAVariantWithoutIfMatchIsRefusedWith428AndKeepsIt() {
        long id = article(editor, variant("fi", "Jää paikalleen"));

        ApiClient.Reply deleted = editor.delete(variantUri(id, "fi"), null);

        assertEquals(428, deleted.status());
        assertEquals(200, editor.get(variantUri(id, "fi")).status());
    }

    @Test
    void deletingAVariantWithAStaleIfMatchIsRefusedWith412AndKeepsIt() {
        long id = article(editor, variant("fi", "Vanhentunut poisto"));
        String stale = editor.get(variantUri(id, "fi")).etag();
        editor.patch(variantUri(id, "fi"), Map.of("body", "muutettu"), stale);

        ApiClient.Reply deleted = editor.delete(variantUri(id, "fi"), stale);

        assertEquals(412, deleted.status());
        assertEquals(200, editor.get(variantUri(id, "fi")).status());
    }

    @Test
    void deletingAVariantWithItsETagRemovesOnlyThatLanguage() {
        long id = article(editor, variant("fi", "Kaksikielinen"));
        editor.post("/api/v1/documents/" + id + "/variants", variant("sv", "Tvåspråkig"));
        String etag = editor.get(variantUri(id, "sv")).etag();

        ApiClient.Reply deleted = editor.delete(variantUri(id, "sv"), etag);

        assertEquals(204, deleted.status());
        assertEquals(404, editor.get(variantUri(id, "sv")).status());
        assertEquals(200, editor.get(variantUri(id, "fi")).status());
    }

    // --- listing ---------------------------------------------------------------------------------

    @Test
    void listingWithAKindReturnsOnlyDocumentsOfThatKind() {
        String tag = uniqueWord();
        long page = id(Drafts.create(editor, "page", variant("fi", "Sivu " + tag, "tags", List.of(tag))));
        Drafts.create(editor, "article", variant("fi", "Artikkeli " + tag, "tags", List.of(tag)));
        Drafts.create(editor, "blog_post", variant("fi", "Blogi " + tag, "tags", List.of(tag)));

        ApiClient.Reply listed = editor.get("/api/v1/documents?kind=page&tag=" + tag);

        assertEquals(200, listed.status());
        assertEquals(List.of(page), ids(listed));
    }

    @Test
    void listingWithALanguageReturnsOnlyDocumentsThatHaveThatLanguage() {
        String tag = uniqueWord();
        article(editor, variant("fi", "Vain suomeksi " + tag, "tags", List.of(tag)));
        long swedish = article(editor, variant("sv", "Bara på svenska " + tag, "tags", List.of(tag)));

        ApiClient.Reply listed = editor.get("/api/v1/documents?language=sv&tag=" + tag);

        assertEquals(List.of(swedish), ids(listed));
    }

    @Test
    void listingWithAStatusReturnsOnlyDocumentsWithAVariantInThatStatus() {
        String tag = uniqueWord();
        article(editor, variant("fi", "Luonnos " + tag, "tags", List.of(tag)));
        ApiClient.Reply created = Drafts.create(editor, "article", variant("fi", "Julkaistu " + tag, "tags", List.of(tag)));
        content.importVariant(created.get("key"), Kind.ARTICLE, "fi",
                new Api.VariantInput("fi", "Julkaistu " + tag, null, null, null, List.of(tag), null, null),
                Status.PUBLISHED, fi.laituri.security.Actor.system("test"));
        long published = id(created);

        ApiClient.Reply listed = editor.get("/api/v1/documents?status=published&tag=" + tag);

        assertEquals(List.of(published), ids(listed));
    }

    @Test
    void listingWithATagReturnsOnlyDocumentsCarryingThatTag() {
        String tag = uniqueWord();
        String other = uniqueWord();
        long tagged = article(editor, variant("fi", "Merkitty " + tag, "tags", List.of("muu", tag)));
        article(editor, variant("fi", "Merkitsemätön " + tag, "tags", List.of(other)));

        ApiClient.Reply listed = editor.get("/api/v1/documents?tag=" + tag);

        assertEquals(List.of(tagged), ids(listed));
        assertEquals(1L, ((Number) listed.get("total")).longValue());
    }

    @Test
    void listingWithFreeTextFindsItInTitlesIgnoringCase() {
        String word = uniqueWord();
        long match = article(editor, variant("fi", "Kotoutumisen " + word.toUpperCase() + " ohjelma"));
        article(editor, variant("fi", "Jotain muuta " + uniqueWord()));

        ApiClient.Reply listed = editor.get("/api/v1/documents?q=" + word.toLowerCase());

        assertEquals(List.of(match), ids(listed));
    }

    @Test
    void aPercentSignInTheFreeTextMatchesOnlyAPercentSign() {
        String word = uniqueWord();
        long percent = article(editor, variant("fi", word + " 100% valmis"));
        article(editor, variant("fi", word + " 100 kertaa valmis"));

        ApiClient.Reply listed = editor.get("/api/v1/documents?q=" + encode(word + " 100%"));

        assertEquals(List.of(percent), ids(listed));
    }

    @Test
    void anUnderscoreInTheFreeTextMatchesOnlyAnUnderscore() {
        String word = uniqueWord();
        long underscore = article(editor, variant("fi", word + " a_b"));
        article(editor, variant("fi", word + " axb"));

        ApiClient.Reply listed = editor.get("/api/v1/documents?q=" + encode(word + " a_b"));

        assertEquals(List.of(underscore), ids(listed));
    }

    @Test
    void listingPagesThroughAllMatchesNewestFirstWithTheTotal() {
        String tag = uniqueWord();
        List<Long> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(article(editor, variant("fi", "Sivutus " + i + " " + tag, "tags", List.of(tag))));
        }
        List<Long> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        ApiClient.Reply first = editor.get("/api/v1/documents?tag=" + tag + "&size=2&page=1");
        ApiClient.Reply second = editor.get("/api/v1/documents?tag=" + tag + "&size=2&page=2");
        ApiClient.Reply third = editor.get("/api/v1/documents?tag=" + tag + "&size=2&page=3");

        for (ApiClient.Reply page : List.of(first, second, third)) {
            assertEquals(5L, ((Number) page.get("total")).longValue());
            assertEquals(2, ((Number) page.get("size")).intValue());
        }
        assertEquals(newestFirst.subList(0, 2), ids(first));
        assertEquals(newestFirst.subList(2, 4), ids(second));
        assertEquals(newestFirst.subList(4, 5), ids(third));
        assertEquals(ids(first), ids(editor.get("/api/v1/documents?tag=" + tag + "&size=2&page=1")));
    }

    @Test
    void aPageBeyondTheLastIsEmptyButKeepsTheTotal() {
        String tag = uniqueWord();
        article(editor, variant("fi", "Yksinäinen " + tag, "tags", List.of(tag)));

        ApiClient.Reply beyond = editor.get("/api/v1/documents?tag=" + tag + "&page=5");

        assertEquals(200, beyond.status());
        assertEquals(List.of(), ids(beyond));
        assertEquals(1L, ((Number) beyond.get("total")).longValue());
    }

    @Test
    void changingAVariantMovesItsDocumentToTheTopOfTheListing() {
        String tag = uniqueWord();
        long older = article(editor, variant("fi", "Vanhempi " + tag, "tags", List.of(tag)));
        long newer = article(editor, variant("fi", "Uudempi " + tag, "tags", List.of(tag)));
        String etag = editor.get(variantUri(older, "fi")).etag();

        editor.patch(variantUri(older, "fi"), Map.of("body", "muutettu"), etag);

        assertEquals(List.of(older, newer), ids(editor.get("/api/v1/documents?tag=" + tag)));
    }

    @Test
    void theLanguageAndStatusFiltersMustHoldForOneAndTheSameLanguageVersion() {
        String tag = uniqueWord();
        long finnishLive = published("article", "fi", "Julkaistu suomeksi " + tag, tag);
        ApiClient.Reply swedishDraft = editor.post("/api/v1/documents/" + finnishLive + "/variants",
                variant("sv", "Utkast " + tag, "tags", List.of(tag)));
        assertEquals(201, swedishDraft.status(), swedishDraft.text());
        long swedishLive = published("article", "sv", "Publicerad " + tag, tag);

        ApiClient.Reply listed = editor.get("/api/v1/documents?language=sv&status=published&tag=" + tag);

        assertEquals(List.of(swedishLive), ids(listed));
        assertEquals(1L, ((Number) listed.get("total")).longValue());
    }

    @Test
    void everyFilterTogetherFindsOnlyTheDocumentMatchingThemAll() {
        String tag = uniqueWord();
        String word = uniqueWord();
        long wanted = published("page", "sv", "Sida " + word, tag);
        published("article", "sv", "Artikel " + word, tag);
        published("page", "fi", "Sivu " + word, tag);
        published("page", "sv", "Annan sida " + uniqueWord(), tag);
        published("page", "sv", "Sida " + word, uniqueWord());
        Drafts.create(editor, "page", variant("sv", "Sida " + word, "tags", List.of(tag)));

        ApiClient.Reply listed = editor.get("/api/v1/documents?kind=page&language=sv&status=published&tag=" + tag
                + "&q=" + word.toUpperCase());

        assertEquals(List.of(wanted), ids(listed));
        assertEquals(1L, ((Number) listed.get("total")).longValue());
    }

    @Test
    void quotesBackslashesAndWildcardsInATagMatchOnlyThatVeryTag() {
        String word = uniqueWord();
        String hostile = word + " it's \"50%\" a_b \\ ) OR 1=1 --";
        long tagged = article(editor, variant("fi", "Vihamielinen " + word, "tags", List.of(hostile)));
        article(editor, variant("fi", "Lähes sama " + word, "tags", List.of(word + " its 50 axb  ) OR 1=1 --")));

        ApiClient.Reply listed = editor.get("/api/v1/documents?tag=" + encode(hostile));

        assertEquals(200, listed.status());
        assertEquals(List.of(tagged), ids(listed));
    }

    @Test
    void quotesAndBackslashesInTheFreeTextAreMatchedAsWritten() {
        String word = uniqueWord();
        long quoted = article(editor, variant("fi", word + " O'Brienin \"paras\" C:\\polku!"));
        article(editor, variant("fi", word + " OBrienin paras C:polku"));

        ApiClient.Reply listed = editor.get("/api/v1/documents?q=" + encode(word + " O'Brienin \"paras\" C:\\polku!"));

        assertEquals(200, listed.status());
        assertEquals(List.of(quoted), ids(listed));
    }

    @Test
    void aTagOrFreeTextLongerThanItsLimitIsRefusedWith400NamingIt() {
        ApiClient.Reply longTag = editor.get("/api/v1/documents?tag=" + "t".repeat(61));
        ApiClient.Reply longText = editor.get("/api/v1/documents?q=" + "q".repeat(301));

        assertEquals(400, longTag.status());
        assertEquals(400, longText.status());
        assertTrue(longTag.contentType().startsWith("application/problem+json"), longTag.contentType());
        assertEquals("tag", longTag.get("errors.0.field"));
        assertEquals("q", longText.get("errors.0.field"));
    }

    /** A document with one version, made live as an import would. */
    private long published(String kind, String language, String title, String tag) {
        ApiClient.Reply created = Drafts.create(editor, kind, variant(language, title, "tags", List.of(tag)));
        content.importVariant(created.get("key"), Kind.parse(kind).orElseThrow(), language,
                new Api.VariantInput(language, title, null, null, null, List.of(tag), null, null),
                Status.PUBLISHED, fi.laituri.security.Actor.system("test"));
        return id(created);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "kind=poem, kind",
            "language=xx, language",
            "status=forgotten, status",
            "size=0, size",
            "size=1000, size",
            "page=0, page",
            "page=-1, page",
    })
    void anInvalidListingParameterIsRefusedWith400NamingIt(String query, String field) {
        ApiClient.Reply refused = editor.get("/api/v1/documents?" + query);

        assertEquals(400, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(field, refused.get("errors.0.field"));
    }
}
