package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static fi.laituri.workflow.Newsroom.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every role against every editorial endpoint and workflow action: a role the policy allows is
 * never refused (whatever the state makes of the request), a role it does not allow gets 403 with a
 * reason, and no token at all gets 401.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesMatrixTest extends ApiTest {

    private static final Set<String> ALL = Set.of("admin", "editor", "translator", "publisher");
    private static final Set<String> WRITERS = Set.of("admin", "editor");
    private static final Set<String> SV_WRITERS = Set.of("admin", "editor", "translator");
    private static final Set<String> PUBLISHERS = Set.of("admin", "publisher");
    private static final Set<String> ADMINS = Set.of("admin");


    Newsroom newsroom;

    /** One call: method, a path made from a fresh fixture document id, a body, and the roles allowed. */
    record Call(String name, HttpMethod method, Function<Long, String> path, Function<Long, Object> body,
                Set<String> allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void staff() {
        newsroom = new Newsroom(client, users);
    }

    private static String doc(long id) {
        return "/api/v1/documents/" + id;
    }

    static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("list documents", HttpMethod.GET, id -> "/api/v1/documents", id -> null, ALL));
        calls.add(new Call("create document", HttpMethod.POST, id -> "/api/v1/documents", id -> Map.of("kind", "page"), WRITERS));
        calls.add(new Call("read document", HttpMethod.GET, RolesMatrixTest::doc, id -> null, ALL));
        calls.add(new Call("change document", HttpMethod.PATCH, RolesMatrixTest::doc, id -> Map.of("kind", "page"), WRITERS));
        calls.add(new Call("delete document", HttpMethod.DELETE, RolesMatrixTest::doc, id -> null, WRITERS));
        calls.add(new Call("add selko version", HttpMethod.POST, id -> doc(id) + "/variants",
                id -> Map.of("language", "selko", "title", "Selko " + Newsroom.unique()), SV_WRITERS));
        calls.add(new Call("add en-less fi version", HttpMethod.POST, id -> doc(id) + "/variants",
                id -> Map.of("language", "fi", "title", "Toinen"), WRITERS));
        calls.add(new Call("read version", HttpMethod.GET, id -> doc(id) + "/variants/fi", id -> null, ALL));
        calls.add(new Call("replace fi version", HttpMethod.PUT, id -> doc(id) + "/variants/fi", id -> Map.of("title", "Uusi"), WRITERS));
        calls.add(new Call("patch fi version", HttpMethod.PATCH, id -> doc(id) + "/variants/fi", id -> Map.of("title", "Uusi"), WRITERS));
        calls.add(new Call("patch sv version", HttpMethod.PATCH, id -> doc(id) + "/variants/sv", id -> Map.of("title", "Ny"), SV_WRITERS));
        calls.add(new Call("delete sv version", HttpMethod.DELETE, id -> doc(id) + "/variants/sv", id -> null, WRITERS));
        calls.add(new Call("list revisions", HttpMethod.GET, id -> doc(id) + "/variants/fi/revisions", id -> null, ALL));
        calls.add(new Call("compare revisions", HttpMethod.GET, id -> doc(id) + "/variants/fi/revisions/diff?from=1&to=1", id -> null, ALL));
        calls.add(new Call("restore fi revision", HttpMethod.POST, id -> doc(id) + "/variants/fi/revisions/1/restore", id -> null, WRITERS));
        calls.add(new Call("restore sv revision", HttpMethod.POST, id -> doc(id) + "/variants/sv/revisions/1/restore", id -> null, SV_WRITERS));
        calls.add(new Call("list authors", HttpMethod.GET, id -> "/api/v1/authors", id -> null, ALL));
        calls.add(new Call("create author", HttpMethod.POST, id -> "/api/v1/authors",
                id -> Map.of("name", "Kirjoittaja " + Newsroom.unique()), WRITERS));
        for (String action : List.of("submit", "withdraw")) {
            calls.add(new Call(action + " fi", HttpMethod.POST, id -> doc(id) + "/variants/fi/transitions", id -> Map.of("action", action), WRITERS));
            calls.add(new Call(action + " sv", HttpMethod.POST, id -> doc(id) + "/variants/sv/transitions", id -> Map.of("action", action), SV_WRITERS));
        }
        for (String action : List.of("approve", "reject", "publish", "unpublish", "unschedule")) {
            calls.add(new Call(action + " fi", HttpMethod.POST, id -> doc(id) + "/variants/fi/transitions",
                    id -> Map.of("action", action, "comment", "syy"), PUBLISHERS));
        }
        calls.add(new Call("create fi preview link", HttpMethod.POST, id -> doc(id) + "/variants/fi/preview-links",
                id -> Map.of(), Set.of("admin", "editor", "publisher")));
        calls.add(new Call("create sv preview link", HttpMethod.POST, id -> doc(id) + "/variants/sv/preview-links",
                id -> Map.of(), ALL));
        calls.add(new Call("list preview links", HttpMethod.GET, id -> doc(id) + "/variants/fi/preview-links", id -> null, ALL));
        calls.add(new Call("list releases", HttpMethod.GET, id -> "/api/v1/releases", id -> null, ALL));
        calls.add(new Call("create release", HttpMethod.POST, id -> "/api/v1/releases",
                id -> Map.of("name", "R", "members", List.of(Map.of("documentId", id, "language", "fi"))), PUBLISHERS));
        calls.add(new Call("sv worklist", HttpMethod.GET, id -> "/api/v1/translations?lang=sv", id -> null, ALL));
        calls.add(new Call("translation overview", HttpMethod.GET, id -> "/api/v1/translations/overview", id -> null, ALL));
        calls.add(new Call("sv translation status", HttpMethod.GET, id -> "/api/v1/translations/" + id + "/sv", id -> null, ALL));
        calls.add(new Call("sv source diff", HttpMethod.GET, id -> "/api/v1/translations/" + id + "/sv/source-diff", id -> null, ALL));
        calls.add(new Call("mark sv up to date", HttpMethod.POST, id -> "/api/v1/translations/" + id + "/sv/up-to-date",
                id -> Map.of(), SV_WRITERS));
        calls.add(new Call("export sv xliff", HttpMethod.GET, id -> "/api/v1/translations/" + id + "/sv/xliff", id -> null, SV_WRITERS));
        calls.add(new Call("read audit log", HttpMethod.GET, id -> "/api/v1/audit", id -> null, ALL));
        calls.add(new Call("who am I", HttpMethod.GET, id -> "/api/v1/me", id -> null, ALL));
        calls.add(new Call("list users", HttpMethod.GET, id -> "/api/v1/users", id -> null, ADMINS));
        calls.add(new Call("create user", HttpMethod.POST, id -> "/api/v1/users",
                id -> Map.of("name", "u" + Newsroom.unique(), "role", "editor"), ADMINS));
        return calls;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Call call : calls()) {
            for (String role : List.of("admin", "editor", "translator", "publisher", "anonymous")) {
                rows.add(Arguments.of(call, role));
            }
        }
        return rows.stream();
    }

    /** A fresh document with fi and sv versions, so that destructive calls never share a fixture. */
    private long fixture() {
        long id = newsroom.finnishArticle("Matriisi " + Newsroom.unique());
        require(201, newsroom.editor.post(doc(id) + "/variants", Map.of("language", "sv", "title", "Matris " + Newsroom.unique())));
        return id;
    }

    private ApiClient as(String role) {
        return switch (role) {
            case "admin" -> newsroom.admin;
            case "editor" -> newsroom.editor;
            case "translator" -> newsroom.translator;
            case "publisher" -> newsroom.publisher;
            default -> newsroom.anonymous;
        };
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRoleMayDoExactlyWhatThePolicyAllows(Call call, String role) {
        long id = fixture();
        ApiClient.Reply reply = as(role).send(call.method(), call.path().apply(id), call.body().apply(id), "*");

        if (role.equals("anonymous")) {
            assertEquals(401, reply.status(), reply.text());
        } else if (call.allowed().contains(role)) {
            assertNotEquals(401, reply.status(), reply.text());
            assertNotEquals(403, reply.status(), reply.text());
        } else {
            assertEquals(403, reply.status(), reply.text());
            assertEquals("application/problem+json", reply.contentType());
            assertNotNull(reply.get("detail"));
        }
    }
}
