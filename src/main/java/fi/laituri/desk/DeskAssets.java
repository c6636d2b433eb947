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

/** The desk's stylesheet, served from the jar: the pages load nothing from other hosts. */
@Hidden
@Controller("/desk/assets")
class DeskAssets {

    private final byte[] css;

    DeskAssets() {
        try (InputStream in = DeskAssets.class.getClassLoader().getResourceAsStream("desk/assets/desk.css")) {
            if (in == null) {
                throw new IllegalStateException("desk/assets/desk.css is missing from the jar");
            }
            css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/desk.css", produces = "text/css")
    @Public
    HttpResponse<byte[]> css() {
        return HttpResponse.ok(css).contentType(new MediaType("text/css;charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }
}
