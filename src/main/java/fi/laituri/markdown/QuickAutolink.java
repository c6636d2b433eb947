package fi.laituri.markdown;

import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.autolink.internal.AutolinkPostProcessor;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.parser.PostProcessor;

import java.util.EnumSet;

/**
 * commonmark's autolink extension, run only over a body with text it can change. The extension reads every character
 * of every text for one that starts a link (a site build spent more time on that than on the rest of a page's links);
 * a link needs "://" (a URL), '@' (an e-mail address) or 'w' (a www address) in the text, which {@link String#indexOf}
 * finds many times quicker. A body whose text has none of them, nor an empty text (which the extension drops), is
 * left as it is, which is what the extension would leave; any other goes through the extension itself.
 */
final class QuickAutolink implements Parser.ParserExtension {

    /** The extension's own post-processor, with every kind of link its {@code AutolinkExtension.create()} finds. */
    private final PostProcessor autolink = new AutolinkPostProcessor(EnumSet.allOf(AutolinkType.class));

    static QuickAutolink create() {
        return new QuickAutolink();
    }

    private QuickAutolink() {
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.postProcessor(document -> mayLink(document) ? autolink.process(document) : document);
    }

    /** Whether a text outside a link has something the extension could make a link of, or drop. */
    static boolean mayLink(Node document) {
        boolean[] may = {false};
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                // The extension leaves what is in a link as it is.
            }

            @Override
            public void visit(Text text) {
                String s = text.getLiteral();
                if (s.isEmpty() || s.indexOf('@') >= 0 || s.indexOf('w') >= 0 || s.contains("://")) {
                    may[0] = true;
                }
            }

            @Override
            protected void visitChildren(Node parent) {
                for (Node child = parent.getFirstChild(); child != null && !may[0]; child = child.getNext()) {
                    child.accept(this);
                }
            }
        });
        return may[0];
    }
}
