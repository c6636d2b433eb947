package fi.laituri.translation;

import fi.laituri.markdown.Markdown;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Markdown body cut into translatable units, one a block of text (heading, paragraph, list item,
 * table cell), and put back together with other text in their place. Everything around the units
 * (list markers, table pipes, heading marks, code blocks) is kept byte for byte from the source, so a
 * translation has the source's structure. Inline formatting, links, code and images become codes
 * ({@link Ph}, {@link Pc}) that stand for their exact Markdown, which a translator moves but cannot change.
 */
final class Segments {

    private static final Pattern ENTITY = Pattern.compile("&(#?[A-Za-z0-9]+;)");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,9})([.)])");
    private static final Pattern WHITESPACE_WITH_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private Segments() {
    }

    /** A piece of a unit's text. */
    sealed interface Part permits Chars, Ph, Pc {
    }

    /** Plain text, as the reader sees it (no Markdown escapes). */
    record Chars(String text) implements Part {
    }

    /** A standalone code (inline code, image, line break, autolink): {@code data} is its Markdown. */
    record Ph(int id, String type, String subType, String data, String disp) implements Part {
    }

    /** A code around text (emphasis, strong, link): {@code start} and {@code end} are its Markdown. */
    record Pc(int id, String type, String subType, String start, String end, List<Part> children) implements Part {
    }

    /** One unit of the body; {@code start}-{@code end} is the span of the body its text takes. */
    record Unit(String id, String context, boolean inTable, boolean heading, boolean atLineStart, int start, int end,
                List<Part> parts) {
    }

    static List<Unit> of(Markdown markdown, String body) {
        Node document = markdown.parseLocated(body);
        List<Unit> units = new ArrayList<>();
        collect(document, body, units, "paragraph");
        return units;
    }

    private static void collect(Node node, String body, List<Unit> units, String context) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Heading h) {
                add(units, body, h, "heading (level " + h.getLevel() + ")", false, true);
            } else if (child instanceof Paragraph p) {
                add(units, body, p, context, false, false);
            } else if (child instanceof TableCell cell) {
                add(units, body, cell, cell.isHeader() ? "table header cell" : "table cell", true, false);
            } else if (child instanceof ListItem) {
                collect(child, body, units, child.getParent() instanceof OrderedList ? "item of a numbered list"
                        : child.getParent() instanceof BulletList ? "item of a bulleted list" : "list item");
            } else if (child instanceof BlockQuote) {
                collect(child, body, units, "quotation");
            } else if (child instanceof org.commonmark.node.Block || child instanceof CustomNode) {
                // tables, their heads, bodies and rows; code blocks and the like have no units
                collect(child, body, units, context);
            }
        }
    }

    private static void add(List<Unit> units, String body, Node block, String context, boolean inTable, boolean heading) {
        if (block.getFirstChild() == null) {
            return;
        }
        Counter codes = new Counter();
        List<Part> parts = parts(block, body, codes);
        int start = start(block.getFirstChild());
        int end = end(block.getLastChild());
        if (start < 0 || end < start || parts.stream().allMatch(p -> p instanceof Chars c && c.text().isBlank())) {
            return;
        }
        // After "## " or inside a table cell nothing the text starts with can begin another block.
        boolean atLineStart = !inTable && !(heading
                && body.substring(start(block), Math.min(body.length(), start(block) + 4)).strip().startsWith("#"));
        units.add(new Unit("b" + (units.size() + 1), context, inTable, heading, atLineStart, start, end, parts));
    }

    private static final class Counter {
        int next = 1;
    }

    private static List<Part> parts(Node parent, String body, Counter codes) {
        List<Part> parts = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                parts.add(new Chars(t.getLiteral()));
            } else if (n instanceof SoftLineBreak) {
                parts.add(new Chars(" "));
            } else if (n instanceof Emphasis || n instanceof StrongEmphasis) {
                if (n.getFirstChild() == null) {
                    parts.add(ph(codes, "fmt", null, raw(n, body), null));
                } else {
                    int id = codes.next++;
                    parts.add(new Pc(id, "fmt", n instanceof Emphasis ? "xlf:i" : "xlf:b",
                            body.substring(start(n), start(n.getFirstChild())),
                            body.substring(end(n.getLastChild()), end(n)), parts(n, body, codes)));
                }
            } else if (n instanceof Link && n.getFirstChild() != null && raw(n, body).startsWith("[")) {
                int id = codes.next++;
                parts.add(new Pc(id, "link", null, body.substring(start(n), start(n.getFirstChild())),
                        body.substring(end(n.getLastChild()), end(n)), parts(n, body, codes)));
            } else if (n instanceof Code c) {
                parts.add(ph(codes, "fmt", null, raw(n, body), c.getLiteral()));
            } else if (n instanceof Image) {
                parts.add(ph(codes, "image", null, raw(n, body), null));
            } else if (n instanceof org.commonmark.node.HardLineBreak) {
                // the break with the next line's indentation or quote marks, so the paragraph goes on
                int to = n.getNext() == null ? end(n) : start(n.getNext());
                parts.add(ph(codes, "fmt", "xlf:lb", body.substring(start(n), to), null));
            } else if (n instanceof Link link) {
                // a bare URL or e-mail address the autolink extension found: written out as a link, so that
                // the translated text next to it cannot become part of the address
                parts.add(ph(codes, "link", null, "[" + escape(raw(n, body), false) + "](<" + link.getDestination() + ">)",
                        raw(n, body)));
            } else {
                parts.add(ph(codes, "other", null, raw(n, body), raw(n, body)));
            }
        }
        return parts;
    }

    private static Ph ph(Counter codes, String type, String subType, String data, String disp) {
        return new Ph(codes.next++, type, subType, data, disp);
    }

    private static String raw(Node n, String body) {
        return body.substring(start(n), end(n));
    }

    private static int start(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        return spans.isEmpty() ? -1 : spans.get(0).getInputIndex();
    }

    private static int end(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        if (spans.isEmpty()) {
            return -1;
        }
        SourceSpan last = spans.get(spans.size() - 1);
        return last.getInputIndex() + last.getLength();
    }

    /** The body with each unit's text replaced by its translation; units without one keep theirs. */
    static String reassemble(String body, List<Unit> units, Map<String, List<Part>> targets) {
        StringBuilder out = new StringBuilder(body);
        List<Unit> backwards = new ArrayList<>(units);
        Collections.reverse(backwards);
        for (Unit u : backwards) {
            List<Part> target = targets.get(u.id());
            if (target != null) {
                out.replace(u.start(), u.end(), markdown(target, u));
            }
        }
        return out.toString();
    }

    /** A unit's text as Markdown: the text escaped where it would read as markup, codes as their Markdown. */
    static String markdown(List<Part> parts, Unit unit) {
        StringBuilder out = new StringBuilder();
        write(parts, unit, out);
        String text = out.toString().strip();
        if (unit.heading()) {
            // a closing run of # would end an ATX heading
            text = text.replaceAll("(\\s)(#+)$", "$1\\\\$2");
        }
        return unit.atLineStart() ? escapeLineStart(text) : text;
    }

    private static void write(List<Part> parts, Unit unit, StringBuilder out) {
        for (Part p : parts) {
            if (p instanceof Chars c) {
                out.append(escape(c.text(), unit.inTable()));
            } else if (p instanceof Ph ph) {
                out.append(ph.data());
            } else if (p instanceof Pc pc) {
                out.append(pc.start());
                write(pc.children(), unit, out);
                out.append(pc.end());
            }
        }
    }

    /** What would start a block at the beginning of a line (a heading, list item, quote) is escaped. */
    private static String escapeLineStart(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '#' || first == '-' || first == '+' || first == '>' || first == '=') {
            return "\\" + text;
        }
        return NUMBERED.matcher(text).replaceFirst("$1\\\\$2");
    }

    private static String escape(String text, boolean inTable) {
        String oneLine = WHITESPACE_WITH_BREAKS.matcher(text).replaceAll(" ");
        StringBuilder out = new StringBuilder(oneLine.length() + 8);
        for (int i = 0; i < oneLine.length(); i++) {
            char ch = oneLine.charAt(i);
            if (ch == '\\' || ch == '*' || ch == '_' || ch == '`' || ch == '[' || ch == ']' || ch == '<'
                    || (ch == '|' && inTable)) {
                out.append('\\');
            } else if (ch == '&' && ENTITY.matcher(oneLine).region(i, oneLine.length()).lookingAt()) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    /**
     * The unit's text with codes as markers, for telling whether two units say the same: equal
     * signatures mean the same text with the same codes in the same places.
     */
    static String signature(List<Part> parts) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Chars c) {
                out.append(c.text());
            } else if (p instanceof Ph ph) {
                out.append("\u0000ph").append(ph.id()).append('\u0000');
            } else if (p instanceof Pc pc) {
                out.append("\u0000pc").append(pc.id()).append('\u0000').append(signature(pc.children()))
                        .append("\u0000/pc").append(pc.id()).append('\u0000');
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /** Words in a text, for the size of a piece of work. */
    static int words(String text) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        java.util.regex.Matcher m = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+").matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
