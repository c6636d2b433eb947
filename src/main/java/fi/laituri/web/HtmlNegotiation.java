package fi.laituri.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Content negotiation for the HTML the server renders on request (search results, previews). Such a page has
 * one representation, so the only question is whether the client takes HTML at all: {@code text/html},
 * {@code application/xhtml+xml} (the page is served as text/html, which every XHTML client reads), a wildcard,
 * or no {@code Accept} header. A client that asks only for something else (JSON, a feed) gets a 406.
 */
public final class HtmlNegotiation {

    private static final List<MediaType> HTML = List.of(MediaType.TEXT_HTML_TYPE, MediaType.APPLICATION_XHTML_TYPE);

    private HtmlNegotiation() {
    }

    /** Throws a 406 problem unless the request accepts HTML. */
    public static void requireHtml(HttpRequest<?> request) {
        Collection<MediaType> accepted = request.accept();
        boolean html = accepted.isEmpty() || accepted.stream()
                .filter(type -> type.getQualityAsNumber().doubleValue() > 0)
                .anyMatch(type -> HTML.stream().anyMatch(type::matches));
        if (!html) {
            throw new ProblemException(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                    "This address answers with an HTML page only (text/html); send Accept: text/html or */*.",
                    List.of(), Map.of());
        }
    }
}
