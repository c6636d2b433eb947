package fi.laituri.workflow;

import fi.laituri.ApiClient;
import fi.laituri.media.TestFiles;
import fi.laituri.ApiTest;
import fi.laituri.security.Allowed;
import fi.laituri.security.Policy;
import fi.laituri.security.Public;
import fi.laituri.security.Role;
import fi.laituri.security.RouteAccess;
import fi.laituri.site.SiteBuilder;
import io.micronaut.http.HttpMethod;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static fi.laituri.workflow.Newsroom.require;
import static fi.laituri.workflow.Newsroom.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route the application exposes, called without a token and as every role, against the rule the route
 * declares ({@link Allowed} or {@link Public}, read by {@link RouteAccess}) and the grants of {@link Policy}:
 * a role the rule admits gets the exact status of a valid request, a role it does not a 403 problem saying
 * why, and no token a 401. The routes come from the running application, so a new endpoint without a rule
 * or without a fixture here fails, named.
 */
@MicronautTest(transactional = false)
class RolesMatrixTest extends ApiTest {

    private static final Path SITE;

    static {
        try {
            SITE = Files.createTempDirectory("laituri-matrix-site-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> CALLERS = List.of("anonymous", "admin", "editor", "translator", "publisher");
    private static final String XLIFF = "application/xliff+xml";
    /** Nothing listens on the discard port of loopback: deliveries fail there and go nowhere else. */
    private static final String HOOK_URL = "http://127.0.0.1:9/unused";

    @Inject
    Router router;

    @Inject
    RouteAccess access;

    @Inject
    Policy policy;

    @Inject
    SiteBuilder builder;

    private static final String DESK_PASSWORD = "matriisin salasana";

    @Inject
    fi.laituri.security.Passwords passwords;

    private Newsroom newsroom;
    private String deskUser;
    private String publishedSlug;
    private String previewToken;

    /** A valid request for a route: where it goes, what it carries, and the status it earns when allowed. */
    record Call(String uri, Object body, String contentType, String ifMatch, int status) {

        static Call of(String uri, int status) {
            return new Call(uri, null, null, null, status);
        }

        static Call json(String uri, Object body, int status) {
            return new Call(uri, body, "application/json", null, status);
        }

        Call ifMatch(String value) {
            return new Call(uri, body, contentType, value, status);
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        // Every call of the matrix comes from one address: the readers' forms must not run out of submissions.
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
        deskUser = newsroom.user();
        passwords.set(deskUser, DESK_PASSWORD, "test");
    }

    /**
     * A valid request per route, keyed by method and URI template as the router names them. The argument is
     * the caller, for the one route whose valid request depends on the role (a workflow step).
     */
    private Map<String, Function<String, Call>> fixtures() {
        Map<String, Function<String, Call>> f = new HashMap<>();
        String docs = "/api/v1/documents";
        f.put("GET " + docs, who -> Call.of(docs, 200));
        f.put("POST " + docs, who -> Call.json(docs, Map.of("kind", "page"), 201));
        f.put("GET " + docs + "/{id}", who -> Call.of(docs + "/" + newsroom.document(), 200));
        f.put("PATCH " + docs + "/{id}", who -> Call.json(docs + "/" + newsroom.document(), Map.of("kind", "page"), 200).ifMatch("*"));
        f.put("DELETE " + docs + "/{id}", who -> Call.of(docs + "/" + newsroom.document(), 204).ifMatch("*"));

        String variants = docs + "/{id}/variants";
        f.put("POST " + variants, who -> Call.json(docs + "/" + newsroom.document() + "/variants",
                Map.of("language", "selko", "title", "Selko " + unique()), 201));
        f.put("GET " + variants + "/{lang}", who -> Call.of(Newsroom.sv(newsroom.document()), 200));
        f.put("PUT " + variants + "/{lang}", who -> Call.json(Newsroom.sv(newsroom.document()), Map.of("title", "Ny " + unique()), 200).ifMatch("*"));
        f.put("PATCH " + variants + "/{lang}", who -> Call.json(Newsroom.sv(newsroom.document()), Map.of("title", "Ny " + unique()), 200).ifMatch("*"));
        f.put("DELETE " + variants + "/{lang}", who -> Call.of(Newsroom.sv(newsroom.document()), 204).ifMatch("*"));
        f.put("GET " + variants + "/{lang}/revisions", who -> Call.of(Newsroom.sv(newsroom.document()) + "/revisions", 200));
        f.put("GET " + variants + "/{lang}/revisions/{number}", who -> Call.of(Newsroom.sv(newsroom.document()) + "/revisions/1", 200));
        f.put("GET " + variants + "/{lang}/revisions/diff", who -> Call.of(Newsroom.sv(newsroom.document()) + "/revisions/diff?from=1&to=1", 200));
        f.put("POST " + variants + "/{lang}/revisions/{number}/restore",
                who -> Call.of(Newsroom.sv(newsroom.revisedDocument()) + "/revisions/1/restore", 200).ifMatch("*"));

        String previewLinks = variants + "/{lang}/preview-links";
        f.put("POST " + previewLinks, who -> Call.json(Newsroom.sv(newsroom.document()) + "/preview-links", Map.of(), 201));
        f.put("GET " + previewLinks, who -> Call.of(Newsroom.sv(newsroom.document()) + "/preview-links", 200));
        f.put("DELETE " + previewLinks + "/{linkId}", who -> {
            String links = Newsroom.sv(newsroom.document()) + "/preview-links";
            return Call.of(links + "/" + require(201, newsroom.editor.post(links, Map.of())).get("id"), 204);
        });
        f.put("POST " + variants + "/{lang}/transitions", this::step);

        String media = "/api/v1/media";
        f.put("GET " + media, who -> Call.of(media, 200));
        f.put("POST " + media, who -> new Call(media, TestFiles.png("kuva-" + unique() + ".png"), "multipart/form-data", null, 201));
        f.put("GET " + media + "/{id}", who -> Call.of(media + "/" + newsroom.media(), 200));
        f.put("GET " + media + "/{id}/file", who -> Call.of(media + "/" + newsroom.media() + "/file", 200));
        f.put("GET " + media + "/{id}/users", who -> Call.of(media + "/" + newsroom.media() + "/users", 200));
        f.put("PUT " + media + "/{id}/texts", who -> Call.json(media + "/" + newsroom.media() + "/texts",
                Map.of("texts", Map.of("fi", Map.of("alt", "Kuva"))), 200).ifMatch("*"));
        f.put("DELETE " + media + "/{id}", who -> Call.of(media + "/" + newsroom.media(), 204).ifMatch("*"));

        String authors = "/api/v1/authors";
        f.put("GET " + authors, who -> Call.of(authors, 200));
        f.put("POST " + authors, who -> Call.json(authors, Map.of("name", "Kirjoittaja " + unique()), 201));
        f.put("GET " + authors + "/{id}", who -> Call.of(authors + "/" + newsroom.author(), 200));
        f.put("PUT " + authors + "/{id}", who -> Call.json(authors + "/" + newsroom.author(), Map.of("name", "Toinen " + unique()), 200).ifMatch("*"));
        f.put("DELETE " + authors + "/{id}", who -> Call.of(authors + "/" + newsroom.author(), 204).ifMatch("*"));

        String releases = "/api/v1/releases";
        f.put("POST " + releases, who -> Call.json(releases, Newsroom.release(newsroom.document()), 201));
        f.put("GET " + releases, who -> Call.of(releases, 200));
        f.put("GET " + releases + "/{id}", who -> Call.of(releases + "/" + newsroom.release(), 200));
        f.put("POST " + releases + "/{id}/publish", who -> Call.json(releases + "/" + newsroom.release() + "/publish", Map.of(), 200));
        f.put("DELETE " + releases + "/{id}", who -> Call.of(releases + "/" + newsroom.release(), 204));
        f.put("POST " + releases + "/{id}/members", who -> Call.json(releases + "/" + newsroom.release() + "/members",
                Map.of("documentId", newsroom.document(), "language", "fi"), 200));
        f.put("DELETE " + releases + "/{id}/members/{documentId}/{lang}", who -> {
            long release = newsroom.release();
            long fi = newsroom.document();
            require(200, newsroom.publisher.post(releases + "/" + release + "/members", Map.of("documentId", fi, "language", "fi")));
            return Call.of(releases + "/" + release + "/members/" + fi + "/fi", 200);
        });
        f.put("POST " + releases + "/{id}/unschedule", who -> Call.json(releases + "/" + newsroom.release() + "/unschedule", Map.of(), 200));

        String translations = "/api/v1/translations";
        f.put("GET " + translations + "{?lang,state}", who -> Call.of(translations + "?lang=sv", 200));
        f.put("GET " + translations + "/overview", who -> Call.of(translations + "/overview", 200));
        f.put("GET " + translations + "/xliff{?lang,documents,state}",
                who -> Call.of(translations + "/xliff?lang=sv&documents=" + newsroom.document(), 200));
        f.put("POST " + translations + "/xliff{?lang}",
                who -> new Call(translations + "/xliff?lang=sv", newsroom.xliff(newsroom.document()), XLIFF, null, 200));
        f.put("GET " + translations + "/{id}/{lang}", who -> Call.of(translations + "/" + newsroom.document() + "/sv", 200));
        f.put("GET " + translations + "/{id}/{lang}/source-diff",
                who -> Call.of(translations + "/" + newsroom.document() + "/sv/source-diff", 200));
        f.put("POST " + translations + "/{id}/{lang}/up-to-date",
                who -> Call.json(translations + "/" + newsroom.document() + "/sv/up-to-date", Map.of("revision", 1), 200));
        f.put("GET " + translations + "/{id}/{lang}/xliff", who -> Call.of(translations + "/" + newsroom.document() + "/sv/xliff", 200));
        f.put("POST " + translations + "/{id}/{lang}/xliff", who -> {
            long id = newsroom.document();
            return new Call(translations + "/" + id + "/sv/xliff", newsroom.xliff(id), XLIFF, null, 200);
        });

        f.put("GET /api/v1/audit", who -> Call.of("/api/v1/audit", 200));
        f.put("GET /api/v1/me", who -> Call.of("/api/v1/me", 200));
        f.put("GET /api/v1/search/explain",
                who -> Call.of("/api/v1/search/explain?q=satama&lang=fi&limit=2", 200));

        String users = "/api/v1/users";
        f.put("GET " + users, who -> Call.of(users, 200));
        f.put("POST " + users, who -> Call.json(users, Map.of("name", "u" + unique(), "role", "editor"), 201));
        f.put("GET " + users + "/{name}", who -> Call.of(users + "/" + newsroom.user(), 200));
        f.put("PATCH " + users + "/{name}", who -> Call.json(users + "/" + newsroom.user(), Map.of("role", "publisher"), 200).ifMatch("*"));
        f.put("DELETE " + users + "/{name}", who -> Call.of(users + "/" + newsroom.user(), 204));
        f.put("POST " + users + "/{name}/tokens", who -> Call.of(users + "/" + newsroom.user() + "/tokens", 201));
        f.put("DELETE " + users + "/{name}/tokens", who -> Call.of(users + "/" + newsroom.user() + "/tokens", 204));
        f.put("GET " + users + "/{name}/tokens", who -> Call.of(users + "/" + newsroom.user() + "/tokens", 200));
        f.put("DELETE " + users + "/{name}/tokens/{id}", who -> {
            String name = newsroom.user();
            return Call.of(users + "/" + name + "/tokens/" + this.users.tokens(name).get(0).id(), 204);
        });

        String hooks = "/api/v1/webhooks";
        f.put("POST " + hooks, who -> Call.json(hooks, Map.of("url", HOOK_URL), 201));
        f.put("GET " + hooks, who -> Call.of(hooks, 200));
        f.put("GET " + hooks + "/{id}", who -> Call.of(hooks + "/" + newsroom.webhook(HOOK_URL), 200));
        f.put("PATCH " + hooks + "/{id}", who -> Call.json(hooks + "/" + newsroom.webhook(HOOK_URL), Map.of("active", false), 200));
        f.put("DELETE " + hooks + "/{id}", who -> Call.of(hooks + "/" + newsroom.webhook(HOOK_URL), 204));
        f.put("GET " + hooks + "/{id}/deliveries", who -> Call.of(hooks + "/" + newsroom.webhook(HOOK_URL) + "/deliveries", 200));

        String comments = "/api/v1/comments";
        f.put("GET " + comments, who -> Call.of(comments + "?state=pending", 200));
        f.put("POST " + comments + "/{id}/approve", who -> Call.json(comments + "/" + newsroom.comment() + "/approve", Map.of(), 200));
        f.put("POST " + comments + "/{id}/reject", who -> Call.json(comments + "/" + newsroom.comment() + "/reject", Map.of(), 200));
        f.put("PUT " + comments + "/{id}/reply", who -> Call.json(comments + "/" + newsroom.comment() + "/reply", Map.of("text", "Kiitos."), 200));
        f.put("DELETE " + comments + "/{id}", who -> Call.of(comments + "/" + newsroom.comment(), 204));
        f.put("PUT " + comments + "/posts/{documentId}", who -> Call.json(comments + "/posts/" + newsroom.blogPost(), Map.of("open", false), 200));
        String feedback = "/api/v1/feedback";
        f.put("GET " + feedback, who -> Call.of(feedback + "?handled=false", 200));
        f.put("GET " + feedback + "/due", who -> Call.of(feedback + "/due", 200));
        f.put("GET " + feedback + "/export", who -> Call.of(feedback + "/export", 200));
        f.put("POST " + feedback + "/{id}/handled", who -> Call.json(feedback + "/" + newsroom.feedback() + "/handled", Map.of("note", "Vastattu."), 200));
        f.put("GET /participation/feedback", who -> Call.of("/participation/feedback?lang=fi", 200));
        // No Origin nor Referer: a client other than a browser page, which the origin check lets through.
        f.put("POST /participation/comments", who -> new Call("/participation/comments", "document=" + newsroom.blogPost()
                + "&lang=fi&name=Lukija&comment=Kiitos", "application/x-www-form-urlencoded", null, 200));
        f.put("POST /participation/feedback", who -> new Call("/participation/feedback",
                "lang=fi&category=general&message=Hyva", "application/x-www-form-urlencoded", null, 200));

        desk(f);
        f.put("GET /api/public/v1/{lang}", who -> Call.of("/api/public/v1/fi", 200));
        f.put("GET /api/public/v1/{lang}/{slug}", who -> Call.of("/api/public/v1/fi/" + publishedSlug, 200));
        f.put("GET /api/search", who -> Call.of("/api/search?lang=fi&q=" + encode("laiturilla"), 200));
        f.put("GET /api/search/suggest", who -> Call.of("/api/search/suggest?lang=fi&q=lai", 200));
        f.put("GET /search", who -> Call.of("/search?lang=fi&q=" + encode("laiturilla"), 200));
        f.put("GET /preview/{token}", who -> Call.of("/preview/" + previewToken, 200));
        f.put("GET /preview/{token}/media/{name}", who -> Call.of(newsroom.previewedFile(), 200));
        f.put("GET /preview/{token}/media/{hash}/{name}", who -> Call.of(newsroom.previewedDocument(), 200));
        f.put("GET /openapi/laituri.yml", who -> Call.of("/openapi/laituri.yml", 200));
        f.put("GET /", who -> Call.of("/", 200));
        f.put("GET /{+path}", who -> Call.of("/robots.txt", 200));
        // The site is files to read; any other method on a path no route claims finds nothing there.
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            f.put(method + " /{+path}", who -> Call.of("/fi/", 404));
        }
        f.put("GET /health", who -> Call.of("/health", 200));
        f.put("GET /health/{selector}", who -> Call.of("/health/liveness", 200));
        f.put("GET /metrics", who -> Call.of("/metrics", 200));
        // The server answers HEAD wherever it answers GET, with the same rule and status.
        List.copyOf(f.keySet()).stream().filter(r -> r.startsWith("GET ")).forEach(r -> f.put("HEAD" + r.substring(3), f.get(r)));
        return f;
    }

    /**
     * The desk's pages and forms, called with the bearer token (no session, so its forms need no CSRF token here;
     * {@code desk.DeskSecurityTest} holds that a session's forms do). A form answers 303 to the page to see next,
     * which the client follows: the status here is that page's.
     */
    private void desk(Map<String, Function<String, Call>> f) {
        String form = "application/x-www-form-urlencoded";
        f.put("GET /desk/sign-in", who -> Call.of("/desk/sign-in", 200));
        // The client follows the 303 to /desk/ without keeping the cookie: there the token lets a role in, and no one else.
        f.put("POST /desk/sign-in", who -> new Call("/desk/sign-in", "name=" + deskUser + "&password=" + encode(DESK_PASSWORD),
                form, null, who.equals("anonymous") ? 401 : 200));
        f.put("GET /desk/assets/desk.css", who -> Call.of("/desk/assets/desk.css", 200));
        f.put("POST /desk/sign-out", who -> new Call("/desk/sign-out", "", form, null, 200));
        f.put("POST /desk/sign-out-everywhere", who -> new Call("/desk/sign-out-everywhere", "", form, null, 200));
        f.put("POST /desk/language", who -> new Call("/desk/language", "lang=sv", form, null, 200));
        f.put("GET /desk", who -> Call.of("/desk/", 200));
        f.put("GET /desk/documents", who -> Call.of("/desk/documents?state=draft", 200));
        f.put("GET /desk/documents/new", who -> Call.of("/desk/documents/new", 200));
        f.put("POST /desk/documents", who -> new Call("/desk/documents", "kind=page&language=fi&title=Sivu+" + unique(), form, null, 200));
        f.put("GET /desk/documents/{id}", who -> Call.of("/desk/documents/" + newsroom.document(), 200));
        String version = "/desk/documents/{id}/{lang}";
        f.put("POST " + version + "/transition", who -> {
            long id = newsroom.document();
            if (who.equals("publisher")) {
                require(200, newsroom.step(newsroom.editor, id, "sv", "submit"));
                return new Call("/desk/documents/" + id + "/sv/transition", "action=approve", form, null, 200);
            }
            return new Call("/desk/documents/" + id + "/sv/transition", "action=submit", form, null, 200);
        });
        f.put("GET " + version + "/edit", who -> Call.of("/desk/documents/" + newsroom.document() + "/sv/edit", 200));
        f.put("POST " + version + "/edit", who -> {
            long id = newsroom.document();
            String etag = newsroom.editor.get(Newsroom.sv(id)).etag().replace("\"", "");
            return new Call("/desk/documents/" + id + "/sv/edit", "version=" + etag + "&title=Uusi&body=Teksti", form, null, 200);
        });
        f.put("POST " + version + "/up-to-date", who -> {
            long id = newsroom.document();
            newsroom.publishNow(id, "fi");
            return new Call("/desk/documents/" + id + "/sv/up-to-date", "comment=Ei+muutettavaa", form, null, 200);
        });
        f.put("POST " + version + "/preview", who -> new Call("/desk/documents/" + newsroom.document() + "/sv/preview",
                "title=Esikatselu&body=Teksti", form, null, 200));
        f.put("GET /desk/review", who -> Call.of("/desk/review", 200));
        f.put("GET /desk/translations", who -> Call.of("/desk/translations?lang=sv", 200));
        f.put("GET /desk/media", who -> Call.of("/desk/media", 200));
        f.put("POST /desk/media", who -> new Call("/desk/media", TestFiles.png("kuva-" + unique() + ".png"), "multipart/form-data", null, 200));
        f.put("GET /desk/media/{id}", who -> Call.of("/desk/media/" + newsroom.media(), 200));
        f.put("POST /desk/media/{id}", who -> {
            String id = newsroom.media();
            String etag = newsroom.editor.get("/api/v1/media/" + id).etag().replace("\"", "");
            return new Call("/desk/media/" + id, "version=" + etag + "&alt_fi=Kuva", form, null, 200);
        });
        f.put("GET /desk/media/{id}/file", who -> Call.of("/desk/media/" + newsroom.media() + "/file", 200));
        f.put("GET /desk/account", who -> Call.of("/desk/account", 200));
        // A user of a bearer token has no password to prove here: the form is shown again, saying so.
        f.put("POST /desk/account/password", who -> new Call("/desk/account/password",
                "current=x&password=uusi+salasana+1&repeat=uusi+salasana+1", form, null, 400));
        f.put("GET /desk/users", who -> Call.of("/desk/users", 200));
        f.put("POST /desk/users", who -> new Call("/desk/users", "name=u" + unique() + "&role=editor&password="
                + encode(DESK_PASSWORD), form, null, 200));
        f.put("POST /desk/users/{name}", who -> new Call("/desk/users/" + newsroom.user(), "do=password&password="
                + encode(DESK_PASSWORD), form, null, 200));
        // desk history: revisions, their diff and restore, the audit log, XLIFF
        f.put("GET /desk/documents/{id}/history", who -> Call.of("/desk/documents/" + newsroom.document() + "/history", 200));
        f.put("GET " + version + "/revisions", who -> Call.of("/desk/documents/" + newsroom.document() + "/sv/revisions", 200));
        f.put("GET " + version + "/revisions/diff", who -> Call.of("/desk/documents/" + newsroom.document()
                + "/sv/revisions/diff?from=1&to=1&mode=word", 200));
        f.put("POST " + version + "/revisions/{number}/restore", who -> {
            long id = newsroom.document();
            String etag = newsroom.editor.get(Newsroom.sv(id)).etag().replace("\"", "");
            return new Call("/desk/documents/" + id + "/sv/revisions/1/restore", "version=" + etag, form, null, 200);
        });
        f.put("GET " + version + "/xliff", who -> Call.of("/desk/documents/" + newsroom.document() + "/sv/xliff", 200));
        f.put("GET /desk/translations/xliff", who -> Call.of("/desk/translations/xliff?lang=sv", 200));
        f.put("POST /desk/translations/xliff", who -> {
            long id = newsroom.document();
            String xml = require(200, newsroom.editor.get("/api/v1/translations/" + id + "/sv/xliff")).text()
                    .replaceAll("<source>([^<]*)</source>", "<source>$1</source><target>SV $1</target>");
            return new Call("/desk/translations/xliff", io.micronaut.http.client.multipart.MultipartBody.builder()
                    .addPart("lang", "sv").addPart("file", "sv.xlf", io.micronaut.http.MediaType.of(XLIFF),
                            xml.getBytes(StandardCharsets.UTF_8)).build(), "multipart/form-data", null, 200);
        });
        // desk editing
        f.put("GET /desk/assets/desk.js", who -> Call.of("/desk/assets/desk.js", 200));
        f.put("GET /desk/authors", who -> Call.of("/desk/authors", 200));
        f.put("POST /desk/authors", who -> new Call("/desk/authors", "name=Kirjoittaja+" + unique(), form, null, 200));
        f.put("GET /desk/authors/{id}", who -> Call.of("/desk/authors/" + newsroom.author(), 200));
        f.put("POST /desk/authors/{id}", who -> {
            String id = newsroom.author();
            String etag = newsroom.editor.get("/api/v1/authors/" + id).etag().replace("\"", "");
            return new Call("/desk/authors/" + id, "version=" + etag + "&name=Uusi+nimi", form, null, 200);
        });
        f.put("POST /desk/authors/{id}/delete", who -> {
            String id = newsroom.author();
            String etag = newsroom.editor.get("/api/v1/authors/" + id).etag().replace("\"", "");
            return new Call("/desk/authors/" + id + "/delete", "version=" + etag, form, null, 200);
        });
        deskPublishing(f, form);
    }

    /** The desk's publishing pages: releases, the schedule, moderation, feedback and preview links. */
    private void deskPublishing(Map<String, Function<String, Call>> f, String form) {
        String releases = "/desk/releases";
        f.put("GET " + releases, who -> Call.of(releases, 200));
        f.put("POST " + releases, who -> new Call(releases, "name=Paketti&version=" + newsroom.document() + "/sv", form, null, 200));
        f.put("GET " + releases + "/{id}", who -> Call.of(releases + "/" + newsroom.release(), 200));
        f.put("POST " + releases + "/{id}/members", who -> new Call(releases + "/" + newsroom.release() + "/members",
                "version=" + newsroom.document() + "/fi", form, null, 200));
        f.put("POST " + releases + "/{id}/members/remove", who -> {
            long release = newsroom.release();
            long fi = newsroom.document();
            require(200, newsroom.publisher.post("/api/v1/releases/" + release + "/members", Map.of("documentId", fi, "language", "fi")));
            return new Call(releases + "/" + release + "/members/remove", "version=" + fi + "/fi", form, null, 200);
        });
        f.put("POST " + releases + "/{id}/publish", who -> new Call(releases + "/" + newsroom.release() + "/publish", "", form, null, 200));
        f.put("POST " + releases + "/{id}/schedule", who -> new Call(releases + "/" + newsroom.release() + "/schedule",
                "at=2099-01-01T10:00", form, null, 200));
        f.put("POST " + releases + "/{id}/unschedule", who -> new Call(releases + "/" + newsroom.release() + "/unschedule", "", form, null, 200));
        f.put("POST " + releases + "/{id}/delete", who -> new Call(releases + "/" + newsroom.release() + "/delete", "", form, null, 200));
        f.put("GET /desk/schedule", who -> Call.of("/desk/schedule", 200));
        f.put("POST /desk/schedule/cancel", who -> {
            long id = newsroom.document();
            newsroom.approve(id, "sv");
            require(200, newsroom.step(newsroom.publisher, id, "sv", "publish", "at", OffsetDateTime.now().plusDays(1).toString()));
            return new Call("/desk/schedule/cancel", "document=" + id + "&language=sv", form, null, 200);
        });
        f.put("GET /desk/comments", who -> Call.of("/desk/comments", 200));
        f.put("POST /desk/comments/{id}/{decision}", who -> new Call("/desk/comments/" + newsroom.comment() + "/approve", "", form, null, 200));
        f.put("GET /desk/feedback", who -> Call.of("/desk/feedback", 200));
        f.put("GET /desk/feedback.csv", who -> Call.of("/desk/feedback.csv", 200));
        f.put("GET /desk/feedback/{id}", who -> Call.of("/desk/feedback/" + newsroom.feedback(), 200));
        f.put("POST /desk/feedback/{id}/handled", who -> new Call("/desk/feedback/" + newsroom.feedback() + "/handled",
                "note=Vastattu", form, null, 200));
        String previews = "/desk/documents/{id}/{lang}/preview-links";
        f.put("GET " + previews, who -> Call.of("/desk/documents/" + newsroom.document() + "/sv/preview-links", 200));
        // The answer is the page with the new link itself: its token is in that answer only.
        f.put("POST " + previews, who -> new Call("/desk/documents/" + newsroom.document() + "/sv/preview-links", "days=3", form, null, 201));
        f.put("POST " + previews + "/{linkId}/revoke", who -> {
            String links = Newsroom.sv(newsroom.document()) + "/preview-links";
            Object link = require(201, newsroom.editor.post(links, Map.of())).get("id");
            return new Call(links.replace("/api/v1/documents/", "/desk/documents/").replace("/variants/", "/")
                    + "/" + link + "/revoke", "", form, null, 200);
        });
    }

    /** Every route the router serves, by method and URI template. */
    private Map<String, UriRouteInfo<?, ?>> routes() {
        Map<String, UriRouteInfo<?, ?>> routes = new TreeMap<>();
        router.uriRoutes().forEach(r -> routes.put(r.getHttpMethodName() + " " + r.getUriMatchTemplate(), r));
        return routes;
    }

    private Optional<RouteAccess.Access> rule(UriRouteInfo<?, ?> route) {
        ExecutableMethod<?, ?> method = route.getTargetMethod().getExecutableMethod();
        return access.declared(method);
    }

    @Test
    void everyRouteDeclaresWhoMayCallIt() {
        List<String> undeclared = routes().entrySet().stream().filter(r -> rule(r.getValue()).isEmpty())
                .map(Map.Entry::getKey).toList();

        assertEquals(List.of(), undeclared, "routes without @Allowed or @Public");
    }

    @Test
    void everyRouteHasAValidRequestInThisTest() {
        Map<String, Function<String, Call>> fixtures = fixtures();
        List<String> missing = routes().keySet().stream().filter(r -> !fixtures.containsKey(r)).toList();

        assertEquals(List.of(), missing, "routes this test cannot call; add a fixture for each");
    }

    Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (String route : routes().keySet()) {
            for (String caller : CALLERS) {
                rows.add(Arguments.of(route, caller));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheRoutesDeclaredRuleGivesTheirRole(String route, String caller) {
        RouteAccess.Access rule = rule(routes().get(route)).orElseThrow(() -> new AssertionError(route + " declares no rule"));
        Function<String, Call> fixture = fixtures().get(route);
        assertNotNull(fixture, route + " has no fixture");
        Call call = fixture.apply(caller);

        HttpMethod method = HttpMethod.parse(route.substring(0, route.indexOf(' ')));
        ApiClient.Reply reply = as(caller).send(method, call.uri(), call.body(), call.contentType(), call.ifMatch());

        boolean allowed = rule.open() || !caller.equals("anonymous") && admits(rule, caller);
        int expected = allowed ? call.status() : caller.equals("anonymous") ? 401 : 403;
        assertEquals(expected, reply.status(), reply.text());
        // A reply to HEAD has no body to say why.
        if (!allowed && method != HttpMethod.HEAD) {
            assertEquals("application/problem+json", reply.contentType());
        }
        if (expected == 403 && method != HttpMethod.HEAD) {
            String article = caller.equals("admin") || caller.equals("editor") ? "an " : "a ";
            assertTrue(((String) reply.get("detail")).startsWith(article + caller + " may not "), reply.text());
            assertNotNull(reply.get("permission"), reply.text());
        }
    }

    Stream<Arguments> steps() {
        List<Arguments> rows = new ArrayList<>();
        for (Transitions.Action action : Transitions.Action.values()) {
            for (String caller : CALLERS.subList(1, CALLERS.size())) {
                rows.add(Arguments.of(action, caller));
            }
        }
        return rows.stream();
    }

    /** The transitions route admits every role; each action then takes its own permission. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("steps")
    void eachWorkflowActionIsOpenExactlyToTheRolesWithItsPermission(Transitions.Action action, String caller) {
        boolean allowed = policy.grants(Role.parse(caller).orElseThrow(), Transitions.permission(action));
        long id = stateBefore(action, allowed ? as(caller) : newsroom.editor);

        ApiClient.Reply reply = newsroom.step(as(caller), id, "sv", action.name().toLowerCase(Locale.ROOT),
                "comment", "syy");

        assertEquals(allowed ? 200 : 403, reply.status(), reply.text());
    }

    /** A document whose Swedish version is where the action starts from; a withdrawal withdraws one's own submission. */
    private long stateBefore(Transitions.Action action, ApiClient submitter) {
        long id = newsroom.document();
        switch (action) {
            case SUBMIT -> { }
            case WITHDRAW -> require(200, newsroom.step(submitter, id, "sv", "submit"));
            case APPROVE, REJECT -> require(200, newsroom.step(newsroom.editor, id, "sv", "submit"));
            case PUBLISH -> newsroom.approve(id, "sv");
            case UNPUBLISH -> newsroom.publishNow(id, "sv");
            case UNSCHEDULE -> {
                newsroom.approve(id, "sv");
                require(200, newsroom.step(newsroom.publisher, id, "sv", "publish", "at",
                        OffsetDateTime.now().plusDays(1).toString()));
            }
        }
        return id;
    }

    static Stream<Arguments> finnishWrites() {
        return Stream.of(
                Arguments.of("replace", HttpMethod.PUT, "", Map.of("title", "Uusi")),
                Arguments.of("patch", HttpMethod.PATCH, "", Map.of("title", "Uusi")),
                Arguments.of("restore", HttpMethod.POST, "/revisions/1/restore", Map.of()),
                Arguments.of("submit", HttpMethod.POST, "/transitions", Map.of("action", "submit")),
                Arguments.of("preview", HttpMethod.POST, "/preview-links", Map.of()));
    }

    /** Routes a translator may call, on a language not theirs: the service, which knows the language, refuses. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("finnishWrites")
    void aTranslatorIsRefusedOutsideTheirLanguages(String name, HttpMethod method, String path, Map<String, Object> body) {
        ApiClient.Reply reply = newsroom.translator.send(method, Newsroom.variant(newsroom.document(), "fi") + path, body, "*");

        assertEquals(403, reply.status(), reply.text());
        assertTrue(((String) reply.get("detail")).endsWith("works in selko, sv, not fi"), reply.text());
    }

    private boolean admits(RouteAccess.Access rule, String caller) {
        Role role = Role.parse(caller).orElseThrow();
        return rule.anyOf().stream().anyMatch(p -> policy.grants(role, p));
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

    /** A workflow step each role may take: a publisher approves a submitted version, the others submit a draft. */
    private Call step(String caller) {
        long id = newsroom.document();
        if (caller.equals("publisher")) {
            require(200, newsroom.step(newsroom.editor, id, "sv", "submit"));
            return Call.json(Newsroom.sv(id) + "/transitions", Map.of("action", "approve"), 200);
        }
        return Call.json(Newsroom.sv(id) + "/transitions", Map.of("action", "submit"), 200);
    }










    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
