package fi.laituri.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Markdown to safe HTML. The parser and renderer are thread-safe and built once. Raw HTML blocks and
 * inline HTML are escaped, and link and image URLs pass {@link SafeUrls}, which keeps only relative,
 * http, https and mailto URLs, inline raster images, and {@code doc:<key>} links between documents, which
 * browsers ignore and the site build turns into the right language's URL. {@code javascript:} and other
 * schemes lose their target.
 */
@Singleton
public class Markdown {

    private static final String DOC_SCHEME = "doc:";

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), AutolinkExtension.create(), HeadingAnchorExtension.create(),
            YamlFrontMatterExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeUrls())
            // Sanitising also marks every link rel="nofollow"; the site's own editorial links are not spam.
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.remove("rel");
                }
            })
            .build();

    /** Like the main parser, but remembering source lines, so that problems can name the line. */
    private final Parser locatingParser = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    /** A {@code doc:<key>} link that names no live document; {@code line} is 1-based within the body. */
    public record UnresolvedLink(String key, int line) {
    }

    /**
     * Renders a body whose {@code doc:<key>} links point at other documents: {@code resolve} gives
     * the URL of a key (empty when there is none), and each link it cannot resolve is reported.
     * Such a link keeps its text but loses its target.
     */
    public String toHtml(String markdown, Function<String, Optional<String>> resolve, Consumer<UnresolvedLink> unresolved) {
        Node document = locatingParser.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String destination = link.getDestination();
                if (destination.startsWith(DOC_SCHEME)) {
                    String key = destination.substring(DOC_SCHEME.length());
                    int hash = key.indexOf('#');
                    String fragment = hash < 0 ? "" : key.substring(hash);
                    key = hash < 0 ? key : key.substring(0, hash);
                    Optional<String> url = resolve.apply(key);
                    if (url.isPresent()) {
                        link.setDestination(url.get() + fragment);
                    } else {
                        int line = link.getSourceSpans().isEmpty() ? 0 : link.getSourceSpans().get(0).getLineIndex() + 1;
                        unresolved.accept(new UnresolvedLink(key, line));
                        link.setDestination("");
                    }
                }
                visitChildren(link);
            }
        });
        return renderer.render(document);
    }

    public Node parse(String markdown) {
        return parser.parse(markdown);
    }

    public String toHtml(String markdown) {
        return renderer.render(parse(markdown));
    }

    public String toHtml(Node document) {
        return renderer.render(document);
    }

    /**
     * commonmark's default sanitizer lets any {@code data:} URL through, {@code data:text/html} links
     * included; here data URLs are allowed only as the source of a raster image.
     */
    static final class SafeUrls implements UrlSanitizer {

        private static final Pattern RASTER_IMAGE = Pattern.compile("(?i)data:image/(png|gif|jpeg|webp)[;,].*",
                Pattern.DOTALL);
        private final UrlSanitizer links = new DefaultUrlSanitizer(List.of("http", "https", "mailto", "doc"));

        @Override
        public String sanitizeLinkUrl(String url) {
            return links.sanitizeLinkUrl(url);
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return RASTER_IMAGE.matcher(url).matches() ? url : links.sanitizeImageUrl(url);
        }
    }
}
