package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static io.micronaut.http.HttpMethod.DELETE;
import static io.micronaut.http.HttpMethod.GET;
import static io.micronaut.http.HttpMethod.PATCH;
import static io.micronaut.http.HttpMethod.POST;
import static io.micronaut.http.HttpMethod.PUT;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a client can send produces a 500: every endpoint gets garbage ids, hostile language codes,
 * revision numbers and author ids, broken and ill-typed JSON, odd If-Match values and huge or
 * encoded query values. Any status below 500 is an acceptable answer here; other tests pin the exact ones.
 */
@MicronautTest(transactional = false)
class HostileInputTest extends ApiTest {

    /** One endpoint, with a request that it accepts; the cases below spoil one part of it at a time. */
    record Endpoint(HttpMethod method, String path, String validBody, boolean takesIfMatch) {
    }

    /** One request to send; {@code {id}}, {@code {lang}}, {@code {n}} and {@code {author}} name the fixture. */
    record Attack(HttpMethod method, String path, Object body, String ifMatch) {
        @Override
        public String toString() {
            String shown = method + " " + path + (ifMatch == null ? "" : " If-Match: " + ifMatch)
                    + (body == null ? "" : " " + (body instanceof byte[] b ? "bytes[" + b.length + "]" : body));
            return shown.length() > 200 ? shown.substring(0, 200) + "… (" + shown.length() + " chars)" : shown;
        }
    }

    private static final String DOCUMENT = "/api/v1/documents/{id}";
    private static final String VARIANT = DOCUMENT + "/variants/{lang}";
    private static final String REVISION = VARIANT + "/revisions/{n}";
    private static final String AUTHOR = "/api/v1/authors/{author}";

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(GET, "/api/v1/documents", null, false),
            new Endpoint(POST, "/api/v1/documents", "{\"kind\": \"article\"}", false),
            new Endpoint(GET, DOCUMENT, null, false),
            new Endpoint(PATCH, DOCUMENT, "{\"kind\": \"page\"}", true),
            new Endpoint(DELETE, DOCUMENT, null, true),
            new Endpoint(POST, DOCUMENT + "/variants", "{\"language\": \"sv\", \"title\": \"Rubrik\"}", false),
            new Endpoint(GET, VARIANT, null, false),
            new Endpoint(PUT, VARIANT, "{\"language\": \"fi\", \"title\": \"Uusi\"}", true),
            new Endpoint(PATCH, VARIANT, "{\"body\": \"Uusi teksti\"}", true),
            new Endpoint(DELETE, VARIANT, null, true),
            new Endpoint(GET, VARIANT + "/revisions", null, false),
            new Endpoint(GET, REVISION, null, false),
            new Endpoint(GET, VARIANT + "/revisions/diff?from={n}&to={n}&mode=word", null, false),
            new Endpoint(POST, REVISION + "/restore", null, true),
            new Endpoint(GET, "/api/v1/authors", null, false),
            new Endpoint(POST, "/api/v1/authors", "{\"name\": \"Uusi Kirjoittaja\"}", false),
            new Endpoint(GET, AUTHOR, null, false),
            new Endpoint(PUT, AUTHOR, "{\"name\": \"Muutettu Nimi\"}", true),
            new Endpoint(DELETE, AUTHOR, null, true),
            new Endpoint(GET, "/api/v1/me", null, false),
            new Endpoint(GET, "/api/v1/translations/{id}/{lang}", null, false),
            new Endpoint(GET, "/api/v1/translations/{id}/{lang}/source-diff", null, false),
            new Endpoint(POST, "/api/v1/translations/{id}/{lang}/up-to-date", "{\"revision\": 1}", false),
            new Endpoint(GET, "/api/v1/translations/{id}/{lang}/xliff", null, false),
            new Endpoint(GET, "/api/v1/translations?lang={lang}&state=outdated", null, false));

    private static final String HUGE = "x".repeat(3000);
    private static final String ENORMOUS = "x".repeat(20000);

    /** Path segments that are no id of ours; already percent-encoded where they must be. */
    private static final List<String> GARBAGE_IDS = List.of("abc", "-1", "0", "1.5", "1e3", "0x10",
            "99999999999999999999", "9223372036854775808", "-9223372036854775809", "%00", "1%00", "%F0%9F%98%80",
            "%FF%FE", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "%20", "1%0D%0AX-Injected:%20yes",
            "'%20OR%20'1'='1", HUGE);

    private static final List<String> HOSTILE_LANGUAGES = List.of("xx", "FI", "fi%20", "fi%00", "%00", "..", "%2e%2e",
            "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "%5C..%5C..%5Cwindows", "%F0%9F%98%80", "%C0%AE%C0%AE", "%FF",
            "selko%0D%0AX-Injected:%20yes", "fi;sv", "*", HUGE);

    private static final List<String> HOSTILE_REVISIONS = List.of("abc", "-1", "0", "1.0", "2147483648",
            "99999999999999999999", "%00", "%F0%9F%98%80", HUGE);

    private static final List<String> HOSTILE_IF_MATCH = List.of("\"abc\"", "W/\"1\"", "*", "\"\"", "\"", "W/", "abc",
            "1", "\"-1\"", "\"0\"", "\"99999999999999999999\"", "\"9223372036854775807\"", "\"-9223372036854775808\"",
            "\"1\", \"2\"", "*, \"1\"", "\"😀\"", "x".repeat(5000));

    private static final List<String> HOSTILE_QUERIES = List.of("", "%00", "a%00b", "%FF%FE", "%F0%9F%98%80", "%25",
            "_", "%5C", "'%20OR%201=1%20--", "-1", "0", "99999999999999999999", "1e3", "[]", "%5B%5D", "null",
            "..%2F..%2Fetc%2Fpasswd", HUGE, ENORMOUS);

    private static final List<String> QUERY_PARAMETERS = List.of("kind", "language", "status", "tag", "q", "page", "size");

    /** JSON bodies that are broken, of the wrong shape or type, or full of hostile values. */
    private static final List<Object> HOSTILE_BODIES = List.of(
            "", " ", "{", "}", "{\"kind\": ", "not json", "null", "true", "42", "\"a string\"", "[]", "[{}]", "[1, 2, 3]",
            "[{\"kind\": \"article\"}]", "{}", "{\"\": \"\"}", "{\"kind\": null}", "{\"kind\": 1e999999}",
            "{\"kind\": 12345678901234567890}", "{\"kind\": {\"$ne\": null}}", "{\"kind\": [\"article\"]}",
            "{\"kind\": \"article\", \"kind\": \"page\"}", "{\"kind\": \"\\u0000\"}", "{\"kind\": \"article\", \"key\": \"\"}",
            "{\"kind\": \"article\", \"key\": \"../etc\"}", "{\"kind\": \"article\", \"key\": \"" + "k".repeat(101) + "\"}",
            "{\"kind\": \"article\", \"variants\": null}", "{\"kind\": \"article\", \"variants\": {}}",
            "{\"kind\": \"article\", \"variants\": [null]}", "{\"kind\": \"article\", \"variants\": [{}]}",
            "{\"kind\": \"article\", \"variants\": [1]}", "{\"kind\": \"article\", \"variants\": [{\"title\": \"x\"}]}",
            "{\"kind\": \"article\", \"variants\": [{\"language\": \"fi\", \"title\": \"x\"}, {\"language\": \"fi\", \"title\": \"y\"}]}",
            "{\"kind\": \"article\", \"variants\": [{\"language\": null, \"title\": \"x\"}, {\"language\": null, \"title\": \"y\"}]}",
            "{\"kind\": \"article\", \"variants\": [{\"language\": \"fi\", \"title\": \"😀\"}]}",
            "{\"language\": null, \"title\": null}", "{\"language\": \"fi\", \"title\": null}",
            "{\"language\": \"fi\", \"title\": \"a\\u0000b\"}", "{\"language\": \"fi\", \"title\": \"\\ud800\"}",
            "{\"language\": \"fi\", \"title\": \"\\udc00x\\ud800\"}", "{\"language\": \"fi\", \"title\": \"x\", \"body\": \"\\u0000\\u0007\\u001b\"}",
            "{\"language\": \"fi\", \"title\": \"" + "😀".repeat(150) + "\"}",
            "{\"language\": \"fi\", \"title\": \"" + "ä".repeat(300) + "\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"summary\": \"" + "😀".repeat(1000) + "\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"tags\": [null]}", "{\"language\": \"fi\", \"title\": \"x\", \"tags\": [\"\"]}",
            "{\"language\": \"fi\", \"title\": \"x\", \"tags\": [\"a\\u0000\"]}", "{\"language\": \"fi\", \"title\": \"x\", \"tags\": [[]]}",
            "{\"language\": \"fi\", \"title\": \"x\", \"tags\": " + manyTags(31) + "}",
            "{\"language\": \"fi\", \"title\": \"x\", \"authors\": [null]}",
            "{\"language\": \"fi\", \"title\": \"x\", \"authors\": [\"../../etc/passwd\"]}",
            "{\"language\": \"fi\", \"title\": \"x\", \"authors\": [\"" + "a".repeat(101) + "\"]}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": \"yesterday\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": \"+999999999-12-31T23:59:59Z\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": \"-999999999-01-01T00:00:00Z\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": \"9999-12-31T23:59:59-18:00\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": \"0000-01-01T00:00:00Z\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": \"0999-12-31T23:59:59Z\"}",
            "{\"language\": \"fi\", \"title\": \"x\", \"date\": 99999999999999999}",
            "{\"language\": \"fi\", \"title\": \"x\", \"slug\": \"..%2f..%2f\"}",
            "{\"language\": \"" + HUGE + "\", \"title\": \"x\"}", "{\"title\": \"" + ENORMOUS + "\"}",
            "{\"body\": \"" + "b".repeat(200_000) + "\"}",
            "{\"name\": null}", "{\"name\": \"\"}", "{\"name\": \"😀\"}", "{\"name\": \"a\\u0000b\"}",
            "{\"name\": \"" + "n".repeat(200) + "\"}", "{\"id\": \"\", \"name\": \"x\"}", "{\"id\": \"../x\", \"name\": \"x\"}",
            "{\"id\": \"" + "a".repeat(100) + "\", \"name\": \"x\"}", "{\"name\": \"x\", \"title\": \"" + "t".repeat(201) + "\"}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(5000) + "1" + "}".repeat(5000),
            new byte[] {'{', '"', 'k', 'i', 'n', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});


    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    static Stream<Attack> attacks() {
        List<Attack> attacks = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            String ifMatch = e.takesIfMatch() ? "*" : null;
            spoil(attacks, e, "{id}", GARBAGE_IDS, ifMatch);
            spoil(attacks, e, "{lang}", HOSTILE_LANGUAGES, ifMatch);
            spoil(attacks, e, "{n}", HOSTILE_REVISIONS, ifMatch);
            spoil(attacks, e, "{author}", GARBAGE_IDS, ifMatch);
            if (e.validBody() != null) {
                HOSTILE_BODIES.forEach(body -> attacks.add(new Attack(e.method(), e.path(), body, ifMatch)));
            }
            if (e.takesIfMatch()) {
                HOSTILE_IF_MATCH.forEach(value -> attacks.add(new Attack(e.method(), e.path(), e.validBody(), value)));
            }
        }
        for (String parameter : QUERY_PARAMETERS) {
            HOSTILE_QUERIES.forEach(value ->
                    attacks.add(new Attack(GET, "/api/v1/documents?" + parameter + "=" + value, null, null)));
        }
        attacks.add(new Attack(GET, "/api/v1/documents?kind=article&kind=page&page=1&page=2", null, null));
        return attacks.stream();
    }

    private static void spoil(List<Attack> attacks, Endpoint e, String placeholder, List<String> values, String ifMatch) {
        if (e.path().contains(placeholder)) {
            values.forEach(value -> attacks.add(
                    new Attack(e.method(), e.path().replace(placeholder, value), e.validBody(), ifMatch)));
        }
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void nothingAClientCanSendProducesAServerError(Attack attack) {
        String path = attack.path();
        if (path.contains("{id}")) {
            path = path.replace("{id}", String.valueOf(Drafts.article(editor, variant("fi", "Kohde " + uniqueWord(),
                    "body", "Teksti", "tags", List.of("kohde")))));
        }
        if (path.contains("{author}")) {
            ApiClient.Reply author = editor.post("/api/v1/authors", Map.of("name", "Kirjoittaja " + uniqueWord()));
            path = path.replace("{author}", (String) author.get("id"));
        }
        path = path.replace("{lang}", "fi").replace("{n}", "1");

        ApiClient.Reply reply = editor.send(attack.method(), path, body(attack.body()), attack.ifMatch());

        assertTrue(reply.status() < 500, () -> attack + " gave " + reply.status() + " " + reply.text());
    }

    /** Sends text as it is; raw bytes as they are (invalid UTF-8 included). */
    private static Object body(Object body) {
        return body instanceof String s && s.isEmpty() ? "".getBytes(StandardCharsets.UTF_8) : body;
    }

    private static String manyTags(int count) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tags.add("\"t" + i + "\"");
        }
        return "[" + String.join(", ", tags) + "]";
    }
}
