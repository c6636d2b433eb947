package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.media.TestFiles;
import fi.laituri.ApiTest;
import fi.laituri.security.Policy;
import fi.laituri.security.Role;
import fi.laituri.security.RouteAccess;
import fi.laituri.site.SiteBuilder;
import fi.laituri.web.Problem;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static fi.laituri.workflow.Newsroom.require;
import static fi.laituri.workflow.Newsroom.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served OpenAPI document against the running service: every operation it lists is called with a valid
 * request and with the errors a client can provoke (no token, a role without the permission, an unknown id,
 * a malformed body, a stale or missing If-Match, a conflict), and each reply must be a status the operation
 * declares, in a content type declared for that status, with a body that fits the declared schema. An operation
 * without requests here fails by name, so a new endpoint cannot slip past the document.
 */
@MicronautTest(transactional = false)
class OpenApiConformanceTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-openapi-site-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String XLIFF = "application/xliff+xml";
    /** Nothing listens on the discard port of loopback: deliveries fail there and go nowhere else. */
    private static final String HOOK_URL = "http://127.0.0.1:9/unused";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    /**
     * An XLIFF file names its documents, and one sent to another document's path is refused as a bad file before
     * any lookup, so an unknown id in the path is a 400 there.
     */
    private static final Map<String, Integer> UNKNOWN_ID_STATUS = Map.of("POST /api/v1/translations/{id}/{lang}/xliff", 400);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Inject
    Router router;

    @Inject
    RouteAccess access;

    @Inject
    Policy policy;

    @Inject
    SiteBuilder builder;

    private Newsroom newsroom;
    private String publishedSlug;
    private String previewToken;
    private Map<String, Object> document;

    /** One request and the status it must earn; {@code caller} is a role's code, or "anonymous". */
    record Exchange(String name, String caller, String uri, Object body, String contentType, String ifMatch, int status) {

        static Exchange of(String uri, int status) {
            return new Exchange("valid", "admin", uri, null, null, null, status);
        }

        static Exchange json(String uri, Object body, int status) {
            return new Exchange("valid", "admin", uri, body, "application/json", null, status);
        }

        Exchange as(String who) {
            return new Exchange(name, who, uri, body, contentType, ifMatch, status);
        }

        Exchange ifMatch(String value) {
            return new Exchange(name, caller, uri, body, contentType, value, status);
        }

        Exchange named(String what, int expected) {
            return new Exchange(what, caller, uri, body, contentType, ifMatch, expected);
        }

        Exchange body(Object value, String type) {
            return new Exchange(name, caller, uri, value, type, ifMatch, status);
        }

        Exchange uri(String value) {
            return new Exchange(name, caller, value, body, contentType, ifMatch, status);
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        // Every reader's form of the test comes from one address: it must not run out of submissions.
        return Map.of("laituri.site.output", SITE.toString(), "laituri.participation.rate-limit.burst", "100000");
    }

    @BeforeAll
    void newsroomWithAPublishedSite() {
        newsroom = new Newsroom(client, users);
        publishedSlug = ApiClient.publishNewArticle(newsroom.editor, newsroom.publisher, "Satama " + unique(),
                "Laiturilla on hiljaista.").get("variants.0.slug");
        builder.build(SITE);
        previewToken = require(201, newsroom.editor.post(Newsroom.variant(newsroom.document(), "sv") + "/preview-links", Map.of()))
                .get("token");
    }

    /** The document as the running server serves it. */
    private Map<String, Object> openApi() {
        if (document == null) {
            ApiClient.Reply served = require(200, newsroom.anonymous.get("/openapi/laituri.yml"));
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(served.text());
        }
        return document;
    }

    /** Every operation of the document, as "METHOD /path". */
    Stream<String> operations() {
        List<String> operations = new ArrayList<>();
        paths().forEach((path, item) -> map(item).keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return operations.stream().sorted();
    }

    @Test
    void everyOperationInTheDocumentHasRequestsInThisTest() {
        Map<String, Supplier<List<Exchange>>> requests = requests();
        List<String> missing = operations().filter(op -> !requests.containsKey(op)).toList();

        assertEquals(List.of(), missing, "operations this test cannot call; add requests for each");
    }

    @Test
    void publicOperationsNeedNoTokenAndTheOthersTheBearerOne() {
        Map<String, Object> schemes = map(map(openApi().get("components")).get("securitySchemes"));
        List<String> wrong = new ArrayList<>();
        operations().forEach(op -> {
            boolean open = rule(op).map(RouteAccess.Access::open)
                    .orElseThrow(() -> new AssertionError(op + " has no route with a declared rule"));
            Object security = operation(op).get("security");
            boolean bearer = security instanceof List<?> list && list.stream().map(OpenApiConformanceTest::map)
                    .anyMatch(requirement -> requirement.keySet().stream().anyMatch(name -> isBearer(schemes.get(name))));
            if (open == bearer || open && security != null) {
                wrong.add(op + (open ? " is public but declares " + security : " is secured but declares " + security));
            }
        });

        assertEquals(List.of(), wrong);
    }

    /** FailureThrottle answers a client that sent too many wrong tokens 429 before any route is reached. */
    @Test
    void everyOperationThatTakesATokenDeclaresTheThrottlesTooManyRequestsWithRetryAfter() {
        List<String> wrong = new ArrayList<>();
        operations().filter(op -> operation(op).get("security") != null).forEach(op -> {
            Map<String, Object> throttled = map(map(operation(op).get("responses")).get("429"));
            if (!map(throttled.get("content")).containsKey(Problem.MEDIA_TYPE)
                    || !map(throttled.get("headers")).containsKey("Retry-After")) {
                wrong.add(op + " declares 429 as " + throttled);
            }
        });

        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyReplyOfTheOperationIsDeclaredAndFitsItsSchema(String operation) {
        Supplier<List<Exchange>> valid = requests().get(operation);
        assertTrue(valid != null, operation + " has no requests in this test");
        Map<String, Object> op = operation(operation);
        HttpMethod method = HttpMethod.parse(operation.substring(0, operation.indexOf(' ')));
        List<String> failures = new ArrayList<>();
        for (Exchange exchange : withErrors(operation, op, valid.get())) {
            ApiClient.Reply reply = as(exchange.caller()).send(method, exchange.uri(), exchange.body(),
                    exchange.contentType(), exchange.ifMatch());
            String label = exchange.name() + " " + method + " " + exchange.uri() + " as " + exchange.caller();
            failures.addAll(conformance(label, op, exchange.status(), reply));
        }

        assertEquals(List.of(), failures);
    }

    /** The valid requests and, derived from them and the document, the error requests of an operation. */
    private List<Exchange> withErrors(String operation, Map<String, Object> op, List<Exchange> valid) {
        // The errors go first: they change nothing, so the valid requests still find what they act on.
        List<Exchange> all = new ArrayList<>();
        Exchange base = valid.get(0);
        Map<String, Object> responses = map(op.get("responses"));
        if (op.get("security") != null) {
            all.add(base.as("anonymous").named("no token", 401));
            outsider(operation).ifPresent(role -> all.add(base.as(role).named("without the permission", 403)));
        }
        String path = operation.substring(operation.indexOf(' ') + 1);
        if (path.contains("{")) {
            all.add(base.uri(unknown(path) + query(base.uri())).ifMatch(base.ifMatch() == null ? null : "*")
                    .named("unknown id", UNKNOWN_ID_STATUS.getOrDefault(operation, 404)));
        }
        if (op.get("requestBody") != null) {
            Map<String, Object> content = map(map(op.get("requestBody")).get("content"));
            if (content.containsKey("multipart/form-data")) {
                all.add(base.body(io.micronaut.http.client.multipart.MultipartBody.builder().addPart("note", "x").build(),
                        "multipart/form-data").named("multipart without its file", 400));
            } else {
                boolean json = content.containsKey("application/json");
                all.add(json ? base.body("{\"broken", "application/json").named("malformed JSON", 400)
                        : base.body("<xliff", XLIFF).named("malformed XLIFF", 400));
            }
        }
        if (responses.containsKey("412")) {
            all.add(base.ifMatch("\"99999\"").named("stale If-Match", 412));
        }
        if (responses.containsKey("428")) {
            all.add(base.ifMatch(null).named("no If-Match", 428));
        }
        all.addAll(valid);
        return all;
    }

    /** What is wrong with a reply against the operation's declaration; empty when it conforms. */
    private List<String> conformance(String label, Map<String, Object> op, int expected, ApiClient.Reply reply) {
        List<String> failures = new ArrayList<>();
        if (reply.status() != expected) {
            failures.add(label + ": expected " + expected + " but got " + reply.status() + " " + reply.text());
        }
        Map<String, Object> declared = map(map(op.get("responses")).get(String.valueOf(reply.status())));
        if (declared.isEmpty()) {
            failures.add(label + ": " + reply.status() + " is not declared");
            return failures;
        }
        Map<String, Object> content = map(declared.get("content"));
        if (content.isEmpty()) {
            if (reply.text() != null && !reply.text().isEmpty()) {
                failures.add(label + ": " + reply.status() + " declares no body but has one: " + reply.text());
            }
            return failures;
        }
        String type = reply.contentType() == null ? null : reply.contentType().split(";")[0].trim();
        if (!content.containsKey(type)) {
            failures.add(label + ": content type " + type + " is not among " + content.keySet());
            return failures;
        }
        Map<String, Object> schema = map(map(content.get(type)).get("schema"));
        if (type.endsWith("json")) {
            List<String> errors = new ArrayList<>();
            validate(reply.json(), schema, "$", errors);
            errors.forEach(e -> failures.add(label + ": " + e + " in " + reply.text()));
        } else if (!"string".equals(schema.get("type"))) {
            failures.add(label + ": a " + type + " body is declared as " + schema);
        }
        return failures;
    }

    /**
     * The part of OpenAPI 3.0's schema objects the document uses: {@code $ref}, {@code type}, {@code nullable},
     * {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code enum},
     * {@code oneOf}, {@code format} (int32, int64, date-time).
     */
    private void validate(Object value, Map<String, Object> declared, String at, List<String> errors) {
        Map<String, Object> schema = resolve(declared);
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable")) && !schema.isEmpty()) {
                errors.add(at + " is null but not nullable");
            }
            return;
        }
        if (schema.get("oneOf") instanceof List<?> choices) {
            long fitting = choices.stream().filter(choice -> {
                List<String> own = new ArrayList<>();
                validate(value, map(choice), at, own);
                return own.isEmpty();
            }).count();
            if (fitting != 1) {
                errors.add(at + " fits " + fitting + " of the oneOf schemas, not exactly one");
            }
            return;
        }
        String type = (String) schema.get("type");
        if (type != null && !hasType(value, type, (String) schema.get("format"))) {
            errors.add(at + " is " + value + ", not " + type + (schema.containsKey("format") ? " " + schema.get("format") : ""));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            errors.add(at + " is " + value + ", not one of " + allowed);
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = map(schema.get("properties"));
            if (schema.get("required") instanceof List<?> required) {
                required.stream().filter(name -> !object.containsKey(name))
                        .forEach(name -> errors.add(at + " lacks the required " + name));
            }
            object.forEach((name, member) -> {
                Object additional = schema.get("additionalProperties");
                if (properties.containsKey(name)) {
                    validate(member, map(properties.get(name)), at + "." + name, errors);
                } else if (Boolean.FALSE.equals(additional)) {
                    errors.add(at + " has " + name + ", which the schema does not allow");
                } else if (additional instanceof Map<?, ?> extra) {
                    validate(member, map(extra), at + "." + name, errors);
                }
            });
        }
        if (value instanceof List<?> array && schema.containsKey("items")) {
            for (int i = 0; i < array.size(); i++) {
                validate(array.get(i), map(schema.get("items")), at + "[" + i + "]", errors);
            }
        }
    }

    private static boolean hasType(Object value, String type, String format) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "boolean" -> value instanceof Boolean;
            case "number" -> value instanceof Number;
            case "integer" -> isInteger(value) && (!"int32".equals(format)
                    || new BigDecimal(value.toString()).abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0);
            case "string" -> value instanceof String text && (!"date-time".equals(format) || isDateTime(text));
            default -> false;
        };
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger
                || value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ((String) ref).substring("#/components/schemas/".length());
        Map<String, Object> target = map(map(map(openApi().get("components")).get("schemas")).get(name));
        assertTrue(!target.isEmpty(), "the document refers to the missing schema " + ref);
        return resolve(target);
    }

    private Map<String, Object> paths() {
        return map(openApi().get("paths"));
    }

    private Map<String, Object> operation(String operation) {
        int space = operation.indexOf(' ');
        return map(map(paths().get(operation.substring(space + 1))).get(operation.substring(0, space).toLowerCase(Locale.ROOT)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static boolean isBearer(Object scheme) {
        return "http".equals(map(scheme).get("type")) && "bearer".equalsIgnoreCase(String.valueOf(map(scheme).get("scheme")));
    }

    /** The access rule of the route that serves an operation (the router's templates also name the query). */
    private Optional<RouteAccess.Access> rule(String operation) {
        return router.uriRoutes()
                .filter(r -> (r.getHttpMethodName() + " " + r.getUriMatchTemplate()).replaceAll("\\{\\?[^}]*}", "").equals(operation))
                .findFirst().flatMap(r -> access.declared(r.getTargetMethod().getExecutableMethod()));
    }

    /** A role the operation's rule does not admit, if there is one. */
    private Optional<String> outsider(String operation) {
        RouteAccess.Access rule = rule(operation).orElseThrow(() -> new AssertionError(operation + " declares no rule"));
        return Stream.of(Role.TRANSLATOR, Role.EDITOR, Role.PUBLISHER)
                .filter(role -> rule.anyOf().stream().noneMatch(p -> policy.grants(role, p)))
                .map(Role::code).findFirst();
    }

    /** The path with names and numbers that no resource has; a lone language becomes one the site lacks. */
    private static String unknown(String path) {
        boolean loneLanguage = VARIABLE.matcher(path).results().allMatch(m -> m.group(1).equals("lang"));
        Matcher matcher = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = switch (matcher.group(1)) {
                case "lang" -> loneLanguage ? "zz" : "sv";
                case "name" -> "nobody";
                case "slug" -> "ei-ole-olemassa";
                case "token" -> "0123456789abcdef0123456789abcdef";
                default -> "2147483000";
            };
            matcher.appendReplacement(out, replacement);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String query(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q);
    }

    private ApiClient as(String caller) {
        return switch (caller) {
            case "admin" -> newsroom.admin;
            case "editor" -> newsroom.editor;
            case "translator" -> newsroom.translator;
            case "publisher" -> newsroom.publisher;
            default -> newsroom.anonymous;
        };
    }

    /**
     * The valid requests of each operation, keyed as in the document; the first is the base of the derived error
     * requests, and a conflict the operation can meet follows it. Suppliers, so fixtures are made only when used.
     */
    private Map<String, Supplier<List<Exchange>>> requests() {
        Map<String, Supplier<List<Exchange>>> r = new LinkedHashMap<>();
        String docs = "/api/v1/documents";
        r.put("GET " + docs, () -> List.of(Exchange.of(docs + "?size=5", 200)));
        r.put("POST " + docs, () -> List.of(Exchange.json(docs, Map.of("kind", "article", "variants",
                List.of(Map.of("language", "fi", "title", "Uusi " + unique()))), 201)));
        r.put("GET " + docs + "/{id}", () -> List.of(Exchange.of(docs + "/" + newsroom.document(), 200)));
        r.put("PATCH " + docs + "/{id}", () -> List.of(
                Exchange.json(docs + "/" + newsroom.document(), Map.of("tags", List.of("satama")), 200).ifMatch("*")));
        r.put("DELETE " + docs + "/{id}", () -> List.of(Exchange.of(docs + "/" + newsroom.document(), 204).ifMatch("*")));

        r.put("POST " + docs + "/{id}/variants", () -> {
            String uri = docs + "/" + newsroom.document() + "/variants";
            return List.of(Exchange.json(uri, Map.of("language", "selko", "title", "Selko " + unique()), 201),
                    Exchange.json(uri, Map.of("language", "sv", "title", "Igen " + unique()), 409).named("taken language", 409));
        });
        String variant = docs + "/{id}/variants/{lang}";
        r.put("GET " + variant, () -> List.of(Exchange.of(Newsroom.sv(newsroom.document()), 200)));
        r.put("PUT " + variant, () -> List.of(Exchange.json(Newsroom.sv(newsroom.document()), Map.of("title", "Ny " + unique()), 200).ifMatch("*")));
        r.put("PATCH " + variant, () -> List.of(Exchange.json(Newsroom.sv(newsroom.document()), Map.of("title", "Ny " + unique()), 200).ifMatch("*")));
        r.put("DELETE " + variant, () -> List.of(Exchange.of(Newsroom.sv(newsroom.document()), 204).ifMatch("*")));
        r.put("GET " + variant + "/revisions", () -> List.of(Exchange.of(Newsroom.sv(newsroom.document()) + "/revisions", 200)));
        r.put("GET " + variant + "/revisions/{number}", () -> List.of(Exchange.of(Newsroom.sv(newsroom.document()) + "/revisions/1", 200)));
        r.put("GET " + variant + "/revisions/diff", () -> List.of(Exchange.of(Newsroom.sv(newsroom.revisedDocument()) + "/revisions/diff?from=1&to=2", 200)));
        r.put("POST " + variant + "/revisions/{number}/restore",
                () -> List.of(Exchange.of(Newsroom.sv(newsroom.revisedDocument()) + "/revisions/1/restore", 200).ifMatch("*")));
        r.put("POST " + variant + "/preview-links", () -> List.of(Exchange.json(Newsroom.sv(newsroom.document()) + "/preview-links", Map.of(), 201)));
        r.put("GET " + variant + "/preview-links", () -> List.of(Exchange.of(Newsroom.sv(newsroom.document()) + "/preview-links", 200)));
        r.put("DELETE " + variant + "/preview-links/{linkId}", () -> {
            String links = Newsroom.sv(newsroom.document()) + "/preview-links";
            return List.of(Exchange.of(links + "/" + require(201, newsroom.editor.post(links, Map.of())).get("id"), 204));
        });
        r.put("POST " + variant + "/transitions", () -> {
            String uri = Newsroom.sv(newsroom.document()) + "/transitions";
            return List.of(Exchange.json(uri, Map.of("action", "submit"), 200),
                    Exchange.json(uri, Map.of("action", "publish"), 409).named("publish before approval", 409));
        });

        String media = "/api/v1/media";
        r.put("GET " + media, () -> List.of(Exchange.of(media, 200)));
        r.put("POST " + media, () -> List.of(Exchange.of(media, 201)
                .body(TestFiles.png("kuva-" + unique() + ".png"), "multipart/form-data")));
        r.put("GET " + media + "/{id}", () -> List.of(Exchange.of(media + "/" + newsroom.media(), 200)));
        r.put("GET " + media + "/{id}/file", () -> List.of(Exchange.of(media + "/" + newsroom.media() + "/file", 200)));
        r.put("GET " + media + "/{id}/users", () -> List.of(Exchange.of(media + "/" + newsroom.media() + "/users", 200)));
        r.put("PUT " + media + "/{id}/texts", () -> List.of(Exchange.json(media + "/" + newsroom.media() + "/texts",
                Map.of("texts", Map.of("fi", Map.of("alt", "Kuva"))), 200).ifMatch("*")));
        r.put("DELETE " + media + "/{id}", () -> List.of(Exchange.of(media + "/" + newsroom.media(), 204).ifMatch("*")));

        String authors = "/api/v1/authors";
        r.put("GET " + authors, () -> List.of(Exchange.of(authors, 200)));
        r.put("POST " + authors, () -> List.of(Exchange.json(authors,
                Map.of("name", "Kirjoittaja " + unique(), "title", "toimittaja"), 201)));
        r.put("GET " + authors + "/{id}", () -> List.of(Exchange.of(authors + "/" + newsroom.author(), 200)));
        r.put("PUT " + authors + "/{id}", () -> List.of(
                Exchange.json(authors + "/" + newsroom.author(), Map.of("name", "Toinen " + unique()), 200).ifMatch("*")));
        r.put("DELETE " + authors + "/{id}", () -> List.of(Exchange.of(authors + "/" + newsroom.author(), 204).ifMatch("*")));

        String releases = "/api/v1/releases";
        r.put("POST " + releases, () -> List.of(Exchange.json(releases, Newsroom.release(newsroom.document()), 201)));
        r.put("GET " + releases, () -> List.of(Exchange.of(releases, 200)));
        r.put("GET " + releases + "/{id}", () -> List.of(Exchange.of(releases + "/" + newsroom.release(), 200)));
        r.put("POST " + releases + "/{id}/publish", () -> List.of(
                Exchange.json(releases + "/" + newsroom.release() + "/publish", Map.of(), 200),
                Exchange.json(releases + "/" + unreadyRelease() + "/publish", Map.of(), 409).named("a member not approved", 409)));
        r.put("DELETE " + releases + "/{id}", () -> List.of(Exchange.of(releases + "/" + newsroom.release(), 204)));
        r.put("POST " + releases + "/{id}/members", () -> List.of(Exchange.json(releases + "/" + newsroom.release() + "/members",
                Map.of("documentId", newsroom.document(), "language", "fi"), 200)));
        r.put("DELETE " + releases + "/{id}/members/{documentId}/{lang}", () -> {
            long release = newsroom.release();
            long fi = newsroom.document();
            require(200, newsroom.publisher.post(releases + "/" + release + "/members", Map.of("documentId", fi, "language", "fi")));
            return List.of(Exchange.of(releases + "/" + release + "/members/" + fi + "/fi", 200));
        });
        r.put("POST " + releases + "/{id}/unschedule", () -> List.of(Exchange.json(releases + "/" + newsroom.release() + "/unschedule", Map.of(), 200)));

        String translations = "/api/v1/translations";
        r.put("GET " + translations, () -> List.of(Exchange.of(translations + "?lang=sv", 200)));
        r.put("GET " + translations + "/overview", () -> List.of(Exchange.of(translations + "/overview", 200)));
        r.put("GET " + translations + "/xliff", () -> List.of(Exchange.of(translations + "/xliff?lang=sv&documents=" + newsroom.document(), 200)));
        r.put("POST " + translations + "/xliff", () -> List.of(
                Exchange.of(translations + "/xliff?lang=sv", 200).body(newsroom.xliff(newsroom.document()), XLIFF)));
        r.put("GET " + translations + "/{id}/{lang}", () -> List.of(Exchange.of(translations + "/" + newsroom.document() + "/sv", 200)));
        r.put("GET " + translations + "/{id}/{lang}/source-diff",
                () -> List.of(Exchange.of(translations + "/" + newsroom.document() + "/sv/source-diff", 200)));
        r.put("POST " + translations + "/{id}/{lang}/up-to-date",
                () -> List.of(Exchange.json(translations + "/" + newsroom.document() + "/sv/up-to-date", Map.of("revision", 1), 200)));
        r.put("GET " + translations + "/{id}/{lang}/xliff", () -> List.of(Exchange.of(translations + "/" + newsroom.document() + "/sv/xliff", 200)));
        r.put("POST " + translations + "/{id}/{lang}/xliff", () -> {
            long id = newsroom.document();
            return List.of(Exchange.of(translations + "/" + id + "/sv/xliff", 200).body(newsroom.xliff(id), XLIFF).ifMatch("*"));
        });

        r.put("GET /api/v1/audit", () -> List.of(Exchange.of("/api/v1/audit", 200)));
        r.put("GET /api/v1/me", () -> List.of(Exchange.of("/api/v1/me", 200)));

        String users = "/api/v1/users";
        r.put("GET " + users, () -> List.of(Exchange.of(users, 200)));
        r.put("POST " + users, () -> List.of(Exchange.json(users, Map.of("name", "u" + unique(), "role", "editor"), 201),
                Exchange.json(users, Map.of("name", newsroom.user(), "role", "editor"), 409).named("taken name", 409)));
        r.put("GET " + users + "/{name}", () -> List.of(Exchange.of(users + "/" + newsroom.user(), 200)));
        r.put("PATCH " + users + "/{name}", () -> List.of(Exchange.json(users + "/" + newsroom.user(), Map.of("role", "publisher"), 200).ifMatch("*")));
        r.put("DELETE " + users + "/{name}", () -> List.of(Exchange.of(users + "/" + newsroom.user(), 204)));
        r.put("POST " + users + "/{name}/tokens", () -> List.of(Exchange.of(users + "/" + newsroom.user() + "/tokens", 201)));
        r.put("DELETE " + users + "/{name}/tokens", () -> List.of(Exchange.of(users + "/" + newsroom.user() + "/tokens", 204)));
        r.put("GET " + users + "/{name}/tokens", () -> List.of(Exchange.of(users + "/" + newsroom.user() + "/tokens", 200)));
        r.put("DELETE " + users + "/{name}/tokens/{id}", () -> {
            String name = newsroom.user();
            return List.of(Exchange.of(users + "/" + name + "/tokens/" + this.users.tokens(name).get(0).id(), 204),
                    Exchange.of(users + "/" + name + "/tokens/999999999", 404).named("unknown token", 404));
        });

        String hooks = "/api/v1/webhooks";
        r.put("POST " + hooks, () -> List.of(Exchange.json(hooks, Map.of("url", HOOK_URL), 201)));
        r.put("GET " + hooks, () -> List.of(Exchange.of(hooks, 200)));
        r.put("GET " + hooks + "/{id}", () -> List.of(Exchange.of(hooks + "/" + newsroom.webhook(HOOK_URL), 200)));
        r.put("PATCH " + hooks + "/{id}", () -> List.of(Exchange.json(hooks + "/" + newsroom.webhook(HOOK_URL), Map.of("active", false), 200)));
        r.put("DELETE " + hooks + "/{id}", () -> List.of(Exchange.of(hooks + "/" + newsroom.webhook(HOOK_URL), 204)));
        r.put("GET " + hooks + "/{id}/deliveries", () -> List.of(Exchange.of(hooks + "/" + newsroom.webhook(HOOK_URL) + "/deliveries", 200)));

        String comments = "/api/v1/comments";
        r.put("GET " + comments, () -> List.of(Exchange.of(comments + "?state=pending&lang=fi", 200)));
        r.put("POST " + comments + "/{id}/approve", () -> List.of(Exchange.json(comments + "/" + newsroom.comment() + "/approve", Map.of(), 200)));
        r.put("POST " + comments + "/{id}/reject", () -> List.of(Exchange.json(comments + "/" + newsroom.comment() + "/reject", Map.of(), 200)));
        r.put("PUT " + comments + "/{id}/reply", () -> List.of(Exchange.json(comments + "/" + newsroom.comment() + "/reply",
                Map.of("text", "Kiitos."), 200)));
        r.put("DELETE " + comments + "/{id}", () -> List.of(Exchange.of(comments + "/" + newsroom.comment(), 204)));
        r.put("PUT " + comments + "/posts/{documentId}", () -> List.of(Exchange.json(comments + "/posts/" + newsroom.blogPost(),
                Map.of("open", false), 200)));
        String feedback = "/api/v1/feedback";
        r.put("GET " + feedback, () -> List.of(Exchange.of(feedback + "?handled=false", 200)));
        r.put("GET " + feedback + "/due", () -> List.of(Exchange.of(feedback + "/due", 200)));
        r.put("GET " + feedback + "/export", () -> List.of(Exchange.of(feedback + "/export", 200)));
        r.put("POST " + feedback + "/{id}/handled", () -> List.of(Exchange.json(feedback + "/" + newsroom.feedback() + "/handled",
                Map.of("note", "Vastattu."), 200)));

        r.put("GET /api/public/v1/{lang}", () -> List.of(Exchange.of("/api/public/v1/fi", 200).as("anonymous")));
        r.put("GET /api/public/v1/{lang}/{slug}",
                () -> List.of(Exchange.of("/api/public/v1/fi/" + publishedSlug, 200).as("anonymous")));
        r.put("GET /api/search", () -> List.of(Exchange.of("/api/search?lang=fi&q=laiturilla", 200).as("anonymous"),
                Exchange.of("/api/search?lang=fi&q=laiturilla&page=0", 400).as("anonymous").named("page zero", 400)));
        r.put("GET /api/v1/search/explain", () -> List.of(Exchange.of("/api/v1/search/explain?q=satama&lang=fi&limit=2", 200)));
        r.put("GET /api/search/suggest", () -> List.of(Exchange.of("/api/search/suggest?lang=fi&q=lai", 200).as("anonymous")));
        r.put("GET /preview/{token}", () -> List.of(Exchange.of("/preview/" + previewToken, 200).as("anonymous")));
        r.put("GET /preview/{token}/media/{name}", () -> List.of(Exchange.of(newsroom.previewedFile(), 200).as("anonymous"),
                Exchange.of("/preview/" + previewToken + "/media/0000000000000000-40.png", 404).as("anonymous")
                        .named("a file the draft does not name", 404)));
        r.put("GET /preview/{token}/media/{hash}/{name}", () -> List.of(Exchange.of(newsroom.previewedDocument(), 200)
                .as("anonymous")));
        return r;
    }







    /** A release whose member went back to draft after the release was made. */
    private long unreadyRelease() {
        long id = newsroom.document();
        newsroom.approve(id, "sv");
        long release = ((Number) require(201, newsroom.publisher.post("/api/v1/releases", Newsroom.release(id))).get("id")).longValue();
        require(200, newsroom.editor.patch(Newsroom.sv(id), Map.of("title", "Muutettu " + unique()), "*"));
        return release;
    }



}
