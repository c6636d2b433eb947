package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error of the editorial API is an RFC 9457 problem document; validation errors name the fields. */
@MicronautTest(transactional = false)
class ProblemResponseTest extends ApiTest {

    ApiClient editor;
    long documentId;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
        documentId = article(editor, variant("fi", "Virheiden kohde"));
    }

    @Test
    void aBlankTitleIsA400ProblemOnTheTitleField() {
        ApiClient.Reply refused = newVariant(variant("sv", "   "));

        assertProblem(400, refused);
        assertEquals(List.of("title"), fields(refused));
    }

    @Test
    void aTitleOverThreeHundredCharactersIsA400ProblemOnTheTitleField() {
        ApiClient.Reply refused = newVariant(variant("sv", "o".repeat(301)));

        assertProblem(400, refused);
        assertEquals(List.of("title"), fields(refused));
    }

    @Test
    void aBlankTagIsA400ProblemOnThatTag() {
        ApiClient.Reply refused = newVariant(variant("sv", "Taggar", "tags", List.of("bra", " ")));

        assertProblem(400, refused);
        assertEquals(List.of("tags[1]"), fields(refused));
    }

    @Test
    void aValidationErrorInsideANewDocumentNamesTheVariantItIsIn() {
        ApiClient.Reply refused = editor.post("/api/v1/documents", Map.of("kind", "article",
                "variants", List.of(variant("fi", ""))));

        assertProblem(400, refused);
        assertEquals(List.of("variants[0].title"), fields(refused));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59-18:00",
            "10000-01-01T00:00:00Z", "0999-12-31T23:59:59Z"})
    void aDateTheDatabaseCannotHoldIsA400ProblemOnTheDateField(String date) {
        ApiClient.Reply refused = newVariant(variant("sv", "Datum", "date", date));

        assertProblem(400, refused);
        assertEquals(List.of("date"), fields(refused));
    }

    @Test
    void aDateInAPatchThatTheDatabaseCannotHoldIsA400ProblemAndChangesNothing() {
        long id = article(editor, variant("fi", "Päiväys " + uniqueWord(), "date", "2022-05-17T09:00:00+03:00"));
        String etag = editor.get(variantUri(id, "fi")).etag();

        ApiClient.Reply refused = editor.patch(variantUri(id, "fi"), Map.of("date", "+999999999-12-31T23:59:59Z"), etag);

        assertProblem(400, refused);
        assertEquals(List.of("date"), fields(refused));
        assertEquals(etag, editor.get(variantUri(id, "fi")).etag());
    }

    @Test
    void anUnknownLanguageIsA400ProblemOnTheLanguageField() {
        ApiClient.Reply refused = newVariant(variant("xx", "Unknown"));

        assertProblem(400, refused);
        assertEquals(List.of("language"), fields(refused));
    }

    @Test
    void anUnknownKindIsA400ProblemOnTheKindField() {
        ApiClient.Reply refused = editor.post("/api/v1/documents", Map.of("kind", "poem"));

        assertProblem(400, refused);
        assertEquals(List.of("kind"), fields(refused));
    }

    @Test
    void anUnknownAuthorIsA400ProblemOnTheAuthorsField() {
        ApiClient.Reply refused = newVariant(variant("sv", "Okänd", "authors", List.of("nobody-at-all")));

        assertProblem(400, refused);
        assertEquals(List.of("authors"), fields(refused));
    }

    @Test
    void aMissingDocumentIsA404Problem() {
        assertProblem(404, editor.get("/api/v1/documents/987654321"));
    }

    @Test
    void aMissingVariantIsA404Problem() {
        assertProblem(404, editor.get(variantUri(documentId, "selko")));
    }

    @Test
    void aVariantInALanguageTheSiteDoesNotHaveIsA404Problem() {
        assertProblem(404, editor.get(variantUri(documentId, "xx")));
    }

    @Test
    void aMissingRevisionIsA404Problem() {
        assertProblem(404, editor.get(variantUri(documentId, "fi") + "/revisions/42"));
    }

    @Test
    void anUnknownRouteUnderTheApiIsA404Problem() {
        assertProblem(404, editor.get("/api/v1/no-such-thing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"kind\": \"article\",}", "{\"kind\": 'article'}", "not json at all", "[\"article\""})
    void malformedJsonIsA400Problem(String body) {
        assertProblem(400, editor.post("/api/v1/documents", body));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"language\": \"sv\", \"title\": 42}                                     | title",
            "{\"language\": \"sv\", \"title\": {\"text\": \"Rubrik\"}}                 | title",
            "{\"language\": \"sv\", \"title\": [\"Rubrik\"]}                           | title",
            "{\"language\": \"sv\", \"title\": true}                                   | title",
            "{\"language\": \"sv\", \"title\": \"Rubrik\", \"tags\": \"en-tagg\"}      | tags",
            "{\"language\": \"sv\", \"title\": \"Rubrik\", \"tags\": [1, 2]}           | tags",
            "{\"language\": \"sv\", \"title\": \"Rubrik\", \"authors\": {\"id\": \"a\"}} | authors",
            "{\"language\": \"sv\", \"title\": \"Rubrik\", \"date\": \"yesterday\"}    | date",
    })
    void aFieldOfTheWrongJsonTypeIsA400ProblemNamingIt(String body, String field) {
        long id = article(editor, variant("fi", "Väärä tyyppi " + uniqueWord()));

        ApiClient.Reply refused = editor.post("/api/v1/documents/" + id + "/variants", body);

        assertProblem(400, refused);
        assertEquals(List.of(field), fields(refused));
        assertEquals(404, editor.get(variantUri(id, "sv")).status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/documents?size=abc                  | size     | expected a whole number from -2147483648 to 2147483647",
            "/api/v1/documents/abc                       | id       | expected a whole number",
            "/api/v1/audit?document=x                    | document | expected a whole number",
    })
    void aParameterThatIsNotANumberIsNamedWithWhatWasExpectedInPlainWords(String uri, String field, String message) {
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);

        ApiClient.Reply refused = admin.get(uri);

        assertProblem(400, refused);
        assertEquals(List.of(Map.of("field", field, "message", message)), refused.get("errors"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"expiresInDays\": \"x\"}            | expiresInDays | expected a whole number from -2147483648 to 2147483647",
            "{\"expiresInDays\": 99999999999999}   | expiresInDays | expected a whole number from -2147483648 to 2147483647",
            "{\"expiresInDays\": {}}               | expiresInDays | expected a whole number from -2147483648 to 2147483647",
            "{\"expiresInDays\": 1.5}              | expiresInDays | expected a whole number from -2147483648 to 2147483647",
            "{\"expiresInDays\": true}             | expiresInDays | expected a whole number from -2147483648 to 2147483647",
            "[1]                                   | body          | expected a JSON object",
    })
    void aBodyValueOfTheWrongTypeIsNamedWithWhatWasExpectedInPlainWords(String body, String field, String message) {
        ApiClient.Reply refused = editor.post(variantUri(documentId, "fi") + "/preview-links", body);

        assertProblem(400, refused);
        assertEquals(List.of(Map.of("field", field, "message", message)), refused.get("errors"));
    }

    @Test
    void aWrongTypeDeepInsideANewDocumentNamesThePathToIt() {
        ApiClient.Reply refused = editor.post("/api/v1/documents", "{\"kind\": \"article\", \"variants\": "
                + "[{\"language\": \"fi\", \"title\": \"Syvä\", \"date\": \"eilen\"}]}");

        assertProblem(400, refused);
        assertEquals(List.of("variants[0].date"), fields(refused));
        assertTrue(!refused.text().contains("java.") && !refused.text().contains("Text '"), refused.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "true", "\"7\""})
    void aReleaseMemberWhoseDocumentIdIsNotAWholeNumberIsRefusedNamingIt(String documentId) {
        ApiClient admin = ApiClient.as(client, users, Role.ADMIN);

        ApiClient.Reply refused = admin.post("/api/v1/releases", "{\"name\": \"Julkaisu\", \"members\": "
                + "[{\"documentId\": " + documentId + ", \"language\": \"fi\"}]}");

        assertProblem(400, refused);
        assertEquals(List.of(Map.of("field", "members[0].documentId", "message", "expected a whole number")),
                refused.get("errors"));
    }

    /** Adds a variant to a new document, so that each test starts from a document without one. */
    private ApiClient.Reply newVariant(Object body) {
        long id = article(editor, variant("fi", "Virheiden kohde " + uniqueWord()));
        return editor.post("/api/v1/documents/" + id + "/variants", body);
    }

    private static void assertProblem(int status, ApiClient.Reply reply) {
        assertEquals(status, reply.status(), reply.text());
        assertNotNull(reply.contentType(), "no Content-Type");
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertTrue(reply.get("type") instanceof String type && type.startsWith("https://"), reply.text());
        assertTrue(reply.get("title") instanceof String title && !title.isBlank(), reply.text());
        assertEquals(status, ((Number) reply.get("status")).intValue());
    }

    private static List<Object> fields(ApiClient.Reply problem) {
        List<?> errors = problem.get("errors");
        if (errors == null) {
            throw new AssertionError("no field errors in " + problem.text());
        }
        return errors.stream().map(e -> ((Map<?, ?>) e).get("field")).map(Object.class::cast).toList();
    }
}
