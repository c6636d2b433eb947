package fi.laituri.desk;

import fi.laituri.security.Public;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The desk's stylesheet and its one script, served from the jar: the pages load nothing from other hosts. The script
 * only adds to pages that work without it (the editor's toolbar, live preview, drafts kept in the browser).
 */
@Hidden
@Controller("/desk/assets")
class DeskAssets {

    private final byte[] css;
    private final byte[] js;

    DeskAssets() {
        css = load("desk/assets/desk.css");
        js = load("desk/assets/desk.js");
    }

    @Get(uri = "/desk.css", produces = "text/css")
    @Public
    HttpResponse<byte[]> css() {
        return HttpResponse.ok(css).contentType(new MediaType("text/css;charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    @Get(uri = "/desk.js", produces = "text/javascript")
    @Public
    HttpResponse<byte[]> js() {
        return HttpResponse.ok(js).contentType(new MediaType("text/javascript;charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    private static byte[] load(String path) {
        try (InputStream in = DeskAssets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
