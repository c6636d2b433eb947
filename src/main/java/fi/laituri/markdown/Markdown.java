package fi.laituri.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import jakarta.inject.Singleton;

import java.util.List;
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
