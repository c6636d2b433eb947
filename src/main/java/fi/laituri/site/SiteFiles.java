package fi.laituri.site;

import fi.laituri.web.Problems;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Serves the live build ({@code <site>/current}) at {@code /} for {@code serve} and {@code demo}; in
 * production a web server serves that folder directly (see the README's nginx example). Every
 * request resolves the {@code current} link anew, so a swap is visible at once.
 *
 * <p>Like that web server, it stands in front of the application's routes and serves a file as what it is,
 * whatever the client's {@code Accept} says: a link checker asking for {@code text/html} gets
 * {@code robots.txt} as text, which serves it better than a 406. It is a filter rather than a catch-all route
 * because such a route, producing every type, would win the router's choice for an API request whose
 * {@code Accept} starts with a wildcard (curl's default) or names no JSON, and answer it with the site's
 * 404 page instead of the API's JSON or 406.
 */
@ServerFilter("/**")
@Requires(property = "laituri.search.node", notEquals = "true")
class SiteFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SiteFiles.class);
    private static final String RETRY_AFTER_SECONDS = "30";

    private final Path site;
    private final Router router;

    SiteFiles(@Value("${laituri.site.output:site}") String output, Router router) {
        this.site = Path.of(output);
        this.router = router;
    }

    /** The file a GET or HEAD names, or null to let the request go on to the route that claims its path. */
    @PreMatching
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> file(HttpRequest<?> request) {
        if ((request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD)
                || router.find(HttpMethod.GET, request.getPath(), request).findAny().isPresent()) {
            return null;
        }
        String wanted = request.getPath().startsWith("/") ? request.getPath().substring(1) : request.getPath();
        if (wanted.startsWith("api/") || wanted.startsWith("preview/") || wanted.equals("preview")) {
            return Problems.response(request, HttpStatus.NOT_FOUND, "not-found", "Nothing is here.", List.of());
        }
        try {
            Path root = site.resolve("current").toRealPath();
            Path file = root.resolve(wanted).normalize();
            if (!file.startsWith(root)) {
                return notFound(root, root);
            }
            if (Files.isDirectory(file)) {
                if (!wanted.isEmpty() && !wanted.endsWith("/")) {
                    return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY).header("Location", "/" + wanted + "/");
                }
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                return notFound(root, file);
            }
            byte[] bytes = Files.readAllBytes(file);
            String etag = "\"" + hash(bytes) + "\"";
            if (etag.equals(request.getHeaders().get("If-None-Match"))) {
                return HttpResponse.notModified().header("ETag", etag);
            }
            return HttpResponse.ok(bytes).contentType(type(file)).header("ETag", etag)
                    // Pages change when content is published: let caches keep them but ask each time. Uploaded files
                    // are named by their hash, so a path never shows other bytes: they may be kept for a year.
                    .header("Cache-Control", wanted.startsWith("media/") ? "public, max-age=31536000, immutable" : "public, no-cache")
                    .header("X-Content-Type-Options", "nosniff");
        } catch (NoSuchFileException e) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body("The site has not been built yet: laituri build")
                    .contentType("text/plain;charset=utf-8");
        } catch (IOException e) {
            // The server's fault, not the reader's, and likely passing (a disk, a mount): say so and when to ask again.
            LOG.error("reading /{} from the live site {} failed", wanted, site.resolve("current"), e);
            return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "site-unavailable",
                    "The site cannot be read just now; try again shortly.", List.of()).header("Retry-After", RETRY_AFTER_SECONDS);
        }
    }

    /**
     * The 404 page of the language whose prefix {@code wanted} is below ({@code /fi/404.html}), else the
     * site's own ({@code /404.html}), as the README's nginx configuration answers too.
     */
    private static MutableHttpResponse<?> notFound(Path root, Path wanted) throws IOException {
        Path page = root.resolve("404.html");
        if (!wanted.equals(root) && root.relativize(wanted).getNameCount() > 1) {
            Path own = root.resolve(root.relativize(wanted).getName(0)).resolve("404.html");
            if (Files.isRegularFile(own)) {
                page = own;
            }
        }
        if (Files.isRegularFile(page)) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(Files.readAllBytes(page)).contentType("text/html;charset=utf-8");
        }
        return HttpResponse.status(HttpStatus.NOT_FOUND).body("Not found").contentType("text/plain;charset=utf-8");
    }

    private static String type(Path file) {
        return ContentTypes.of(file.getFileName().toString());
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
