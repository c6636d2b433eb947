package fi.laituri.web;

import fi.laituri.security.Public;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated at compile time (META-INF/swagger/laituri.yml). */
@Hidden
@Controller("/openapi")
@Public
class OpenApiController {

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/META-INF/swagger/laituri.yml")) {
            document = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file, served as what it is whatever the {@code Accept}. */
    @Get(uri = "/laituri.yml", produces = MediaType.ALL)
    MutableHttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType("application/yaml;charset=utf-8");
    }
}
