package fi.laituri.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.annotation.PreMatching;

import java.util.List;
import java.util.TreeSet;

/**
 * The security headers of every response, site files, search pages, previews, the API and its errors alike:
 * a Content-Security-Policy (for HTML: no script at all, only the theme's own inline style by its hash, images
 * from the site or the web, forms to this origin; for anything else nothing at all), no framing, no MIME
 * sniffing, a referrer of origin only across sites, no powerful browser features, and HSTS when
 * {@code laituri.ops.headers.hsts} says the service is reached over TLS. A header a route set itself (the preview's
 * stricter Referrer-Policy) is kept. The README's nginx example sends the same for the files it serves.
 */
@ServerFilter("/**")
public class SecurityHeaders implements Ordered {

    /** What the API and every other non-HTML answer may load or be framed by: nothing. */
    static final String CSP_OTHER = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /**
     * What an SVG file opened on its own may do: draw, with its own styles, and nothing else; {@code sandbox} keeps
     * it from running script or counting as this origin even in a browser that ignores {@code default-src}.
     */
    public static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'; sandbox";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "browsing-topics=()";

    private final String cspHtml;
    private final String hsts;

    SecurityHeaders(List<InlineStyles> styles,
                    @Value("${laituri.ops.headers.hsts:false}") boolean hsts,
                    @Value("${laituri.ops.headers.hsts-max-age:31536000}") long hstsMaxAge) {
        TreeSet<String> hashes = new TreeSet<>();
        styles.forEach(s -> hashes.addAll(s.hashSources()));
        this.cspHtml = htmlPolicy(hashes);
        this.hsts = hsts ? "max-age=" + hstsMaxAge + "; includeSubDomains" : null;
    }

    /** The policy of HTML pages, given the hash sources of the inline styles they may carry. */
    public static String htmlPolicy(java.util.Collection<String> styleHashes) {
        String styles = styleHashes.isEmpty() ? "'none'" : String.join(" ", styleHashes);
        return "default-src 'none'; style-src " + styles + "; img-src 'self' http: https: data:; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** For the answers of the filters before routing (the site's files). */
    @PreMatching
    @ResponseFilter
    void secureUnrouted(HttpRequest<?> request, MutableHttpResponse<?> response) {
        secure(request, response);
    }

    /** For the answers of routes, security rules and error handlers. */
    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        // A 304 has no body to tell HTML by, and a browser would put its policy on the page it has cached: the
        // policy that came with the page stays.
        if (response.getStatus() != HttpStatus.NOT_MODIFIED) {
            boolean html = response.getContentType().map(t -> t.matches(MediaType.TEXT_HTML_TYPE)).orElse(false);
            setIfAbsent(headers, "Content-Security-Policy", html ? cspHtml : CSP_OTHER);
        }
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "Referrer-Policy", "strict-origin-when-cross-origin");
        setIfAbsent(headers, "Permissions-Policy", PERMISSIONS_POLICY);
        if (hsts != null) {
            setIfAbsent(headers, "Strict-Transport-Security", hsts);
        }
    }

    private static void setIfAbsent(MutableHttpHeaders headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }

    @Override
    public int getOrder() {
        // Outside every other filter (after the request log), so that their answers get the headers too.
        return ServerFilterPhase.FIRST.order() + 1;
    }
}
