package fi.laituri.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.commonmark.renderer.text.TextContentRenderer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Markdown to safe HTML. The parser and renderer are thread-safe and built once. Raw HTML blocks and
 * inline HTML are escaped, and link and image URLs pass {@link SafeUrls}, which keeps only relative,
 * http, https and mailto URLs, inline raster images, and {@code doc:<key>} links between documents, which
 * browsers ignore and the site build turns into the right language's URL. {@code javascript:} and other
 * schemes lose their target.
 *
 * <p>A body is always shown under its page's title, the page's only {@code h1}: when a body uses
 * {@code #} headings, all its headings move one level down (at most to {@code h6}). Headings get anchor
 * ids from their text, never one of {@link #RESERVED_IDS}, which the site's own templates use.
 *
 * <p>No body reaches the parser unless it is within {@link MarkdownLimits}; one that is not, or that still
 * overflows the renderer's stack or its time budget, is {@link Unrenderable}. Parsing and rendering run on
 * threads with a large stack ({@link RenderThreads}), so that nothing a body holds can overflow the caller's stack,
 * and a body's HTML (without {@code doc:} links resolved) is kept, so a page read again is not parsed again.
 */
@Singleton
public class Markdown {

    private static final String DOC_SCHEME = "doc:";

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), QuickAutolink.create(), YamlFrontMatterExtension.create());

    /** Ids of the page around a body (the skip link's target), which a heading's anchor must not take. */
    public static final Set<String> RESERVED_IDS = Set.of("content");

    private static final Duration BUDGET = Duration.ofSeconds(5);
    /** Bodies plus their HTML kept, in characters: some thousands of pages. */
    private static final long CACHE_CHARS = 16L << 20;

    /**
     * Threads with a large stack for the parser and renderer, which recurse per level of nesting. Unbounded
     * but reused, so that no render waits in a queue behind others and loses its time budget there.
     */
    private static final ExecutorService RENDERERS = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new RenderThreads.RenderThread(task, "markdown-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    /**
     * HTML by body: rendering depends on nothing else. Failures are not kept: the limits are checked again in
     * one quick pass, and a render that ran out of time may fit it when the machine is less busy.
     */
    private final Map<String, String> rendered = new LinkedHashMap<>(256, 0.75f, true);
    private long renderedChars;

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
            .attributeProviderFactory(context -> new HeadingIds())
            .nodeRendererFactory(context -> new NodeRenderer() {
                @Override
                public Set<Class<? extends Node>> getNodeTypes() {
                    return Set.of(ResolvedMedia.class);
                }

                @Override
                public void render(Node node) {
                    context.getWriter().raw(((ResolvedMedia) node).html);
                }
            })
            .build();

    /** An image a {@link MediaLinks} resolver wrote: its HTML goes out as it is. */
    private static final class ResolvedMedia extends CustomNode {
        private final String html;

        ResolvedMedia(String html) {
            this.html = html;
        }
    }

    private final TextContentRenderer text = TextContentRenderer.builder().extensions(EXTENSIONS)
            // A link's or image's words are text to find; its address, which the text renderer adds, is not.
            .nodeRendererFactory(context -> new NodeRenderer() {
                @Override
                public Set<Class<? extends Node>> getNodeTypes() {
                    return Set.of(Link.class, Image.class);
                }

                @Override
                public void render(Node node) {
                    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                        context.render(child);
                    }
                }
            })
            .build();

    /** The text of a parsed body, a line for each block, without markup: what search indexes. */
    public String toPlainText(Node document) {
        return text.render(document);
    }

    /** The text of a body as {@link #toPlainText(Node)}, within the limits and time budget of {@link #toHtml(String)}. */
    public String toPlainText(String markdown) {
        return guarded(markdown, () -> text.render(parse(markdown)));
    }

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
        return guarded(markdown, () -> render(markdown, resolve, unresolved, MediaLinks.NONE));
    }

    /** As {@link #toHtml(String, Function, Consumer)}, with {@code media:<id>} images and links resolved by {@code media}. */
    public String toHtml(String markdown, Function<String, Optional<String>> resolve, Consumer<UnresolvedLink> unresolved,
                         MediaLinks media) {
        return guarded(markdown, () -> render(markdown, resolve, unresolved, media));
    }

    /** A body's HTML and its plain text ({@link #toPlainText(String)}), made from one parse. */
    public record HtmlAndText(String html, String text) {
    }

    /**
     * As {@link #toHtml(String, Function, Consumer, MediaLinks)}, with the body's plain text from the same parse: a
     * site build renders each page and gives search its text, and parsing is most of either.
     */
    public HtmlAndText toHtmlAndText(String markdown, Function<String, Optional<String>> resolve,
                                     Consumer<UnresolvedLink> unresolved, MediaLinks media) {
        return guarded(markdown, () -> {
            Node document = documentFor(markdown, resolve);
            String plain = text.render(document);
            return new HtmlAndText(render(document, resolve, unresolved, media), plain);
        });
    }

    private String render(String markdown, Function<String, Optional<String>> resolve, Consumer<UnresolvedLink> unresolved,
                          MediaLinks media) {
        return render(documentFor(markdown, resolve), resolve, unresolved, media);
    }

    /**
     * The body parsed, headings demoted: without source positions (a third quicker) unless a {@code doc:} link names no
     * document, whose line the report then gives.
     */
    private Node documentFor(String markdown, Function<String, Optional<String>> resolve) {
        Node document = parser.parse(markdown);
        boolean[] unresolved = {false};
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String destination = link.getDestination();
                if (!unresolved[0] && destination.startsWith(DOC_SCHEME)) {
                    String key = destination.substring(DOC_SCHEME.length());
                    int hash = key.indexOf('#');
                    unresolved[0] = resolve.apply(hash < 0 ? key : key.substring(0, hash)).isEmpty();
                }
                visitChildren(link);
            }
        });
        return demoteHeadings(unresolved[0] ? locatingParser.parse(markdown) : document);
    }

    private String render(Node document, Function<String, Optional<String>> resolve, Consumer<UnresolvedLink> unresolved,
                          MediaLinks media) {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                if (image.getDestination().startsWith(MediaLinks.SCHEME)) {
                    images.add(image);
                }
                visitChildren(image);
            }

            @Override
            public void visit(Link link) {
                String destination = link.getDestination();
                if (destination.startsWith(MediaLinks.SCHEME)) {
                    Optional<MediaLinks.Target> target = media.link(destination.substring(MediaLinks.SCHEME.length()));
                    link.setDestination(target.map(MediaLinks.Target::url).orElse(""));
                    target.ifPresent(t -> link.appendChild(new Text(t.suffix())));
                } else if (destination.startsWith(DOC_SCHEME)) {
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
        for (Image image : images) {
            Optional<String> html = media.image(image.getDestination().substring(MediaLinks.SCHEME.length()));
            if (html.isPresent()) {
                image.insertBefore(new ResolvedMedia(html.get()));
                image.unlink();
            } else {
                image.setDestination("");
            }
        }
        return renderer.render(document);
    }

    public Node parse(String markdown) {
        return demoteHeadings(parser.parse(markdown));
    }

    /** Moves every heading one level down when the body has an {@code h1}, so the page title stays the only one. */
    private static Node demoteHeadings(Node document) {
        List<Heading> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading);
            }
        });
        if (headings.stream().anyMatch(h -> h.getLevel() == 1)) {
            headings.forEach(h -> h.setLevel(Math.min(h.getLevel() + 1, 6)));
        }
        return document;
    }

    /**
     * Anchor ids from heading text, as commonmark's heading-anchor extension makes them, but with the
     * reserved ids taken up front so that a heading such as "Content" gets {@code content-1}. One per render.
     */
    private static final class HeadingIds implements AttributeProvider {

        private final IdGenerator ids = IdGenerator.builder().build();

        HeadingIds() {
            RESERVED_IDS.forEach(ids::generateId);
        }

        @Override
        public void setAttributes(Node node, String tagName, java.util.Map<String, String> attributes) {
            if (node instanceof Heading) {
                StringBuilder text = new StringBuilder();
                node.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                attributes.put("id", ids.generateId(text.toString()));
            }
        }
    }

    /**
     * The HTML of a body, {@code doc:} links as they are; made once per body and then kept (a bounded number of
     * characters, the least recently read going first), so that readers of the same revision share one render.
     */
    public String toHtml(String markdown) {
        String html;
        synchronized (rendered) {
            html = rendered.get(markdown);
        }
        if (html == null) {
            html = guarded(markdown, () -> renderer.render(parse(markdown)));
            keep(markdown, html);
        }
        return html;
    }

    /**
     * As {@link #toHtml(String)}, with {@code media:} images and links resolved by {@code media}; a body that names
     * files is rendered each time, since their texts change without it.
     */
    public String toHtml(String markdown, MediaLinks media) {
        if (!markdown.contains(MediaLinks.SCHEME)) {
            return toHtml(markdown);
        }
        return guarded(markdown, () -> render(markdown, key -> Optional.of(DOC_SCHEME + key), link -> { }, media));
    }

    private void keep(String markdown, String html) {
        synchronized (rendered) {
            String previous = rendered.put(markdown, html);
            renderedChars += markdown.length() + html.length()
                    - (previous == null ? 0 : markdown.length() + previous.length());
            var eldest = rendered.entrySet().iterator();
            while (renderedChars > CACHE_CHARS && eldest.hasNext()) {
                var entry = eldest.next();
                renderedChars -= entry.getKey().length() + entry.getValue().length();
                eldest.remove();
            }
        }
    }

    /**
     * Runs the parser on a body within the limits, on a large-stack thread, giving up after the time budget.
     * A render given up on runs to its end in the background: the limits keep that end near. On a large-stack
     * thread already (a site build's, {@link RenderThreads#forEach}) it runs right there, with no budget.
     */
    private static <T> T guarded(String markdown, Callable<T> work) {
        Optional<String> over = MarkdownLimits.check(markdown);
        if (over.isPresent()) {
            throw new Unrenderable("the body " + over.get());
        }
        if (RenderThreads.current()) {
            // Already on a thread with the large stack (a site build's): parsed here. A build waits for its pages, and
            // the limits keep every body's parse short, so there is no budget to give up waiting at.
            try {
                return work.call();
            } catch (StackOverflowError e) {
                throw new Unrenderable("the body nests too deep to render");
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> result = RENDERERS.submit(() -> {
            try {
                return work.call();
            } catch (StackOverflowError e) {
                throw new Unrenderable("the body nests too deep to render");
            }
        });
        try {
            return result.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new Unrenderable("the body takes longer than " + BUDGET.toSeconds() + " s to render");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unrenderable("rendering was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
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

    /**
     * The syntax tree of a body as written, every block and inline node knowing where in the text it
     * came from (headings not moved): for tools that rewrite parts of the text in place, such as XLIFF.
     */
    public Node parseLocated(String markdown) {
        return guarded(markdown, () -> locatingParser.parse(markdown));
    }
}
