package fi.laituri.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Markdown to safe HTML. The parser and renderer are thread-safe and built once. Raw HTML blocks and
 * inline HTML are escaped, and link and image URLs pass commonmark's sanitizer, which keeps only
 * http, https, mailto and data image URLs (so {@code javascript:} links lose their target).
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
}
