package fi.laituri.site;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One XML output file (a feed, a sitemap), written by hand into a {@link StringBuilder} and encoded as UTF-8 once,
 * at the end. It writes the bytes the JDK's {@code XMLStreamWriter} wrote before it (which cost a site of 36,000
 * pages about 3% of its build in sitemaps alone, mostly escaping and encoding a character at a time), and
 * {@code XmlFileTest} holds that writer as the reference to compare with.
 * <p>
 * One element per line and no declaration of anything variable, so the bytes depend on the content alone. Text
 * escapes {@code & < >}, attribute values also {@code "}; tabs and line breaks are written as they are. Characters
 * XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF, unpaired surrogates) are dropped rather than making the
 * file unreadable. Element, attribute and prefix names are the callers' own constants and are written as given.
 */
final class XmlFile {

    private final StringBuilder xml = new StringBuilder(8192);
    // Elements started and not yet ended, innermost first; their number is the indentation of the next line.
    private final Deque<String> open = new ArrayDeque<>();
    // Whether the last start tag is still open for attributes, and whether it ends an empty element.
    private boolean inStartTag;
    private boolean emptyElement;

    /** Starts the document with its root element in {@code namespace} as the default namespace. */
    XmlFile(String namespace, String root) {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        startTag(root, false);
        open.push(root);
        attribute("xmlns", namespace);
    }

    XmlFile namespace(String prefix, String uri) {
        return attribute("xmlns:" + prefix, uri);
    }

    XmlFile attribute(String name, String value) {
        if (!inStartTag) {
            throw new IllegalStateException("no start tag for the attribute " + name);
        }
        xml.append(' ').append(name).append("=\"");
        escaped(value, true);
        xml.append('"');
        return this;
    }

    /** {@code xml:lang}, which Atom uses for the language of a feed or entry. */
    XmlFile lang(String value) {
        return attribute("xml:lang", value);
    }

    XmlFile start(String name) {
        newLine(open.size());
        startTag(name, false);
        open.push(name);
        return this;
    }

    XmlFile end() {
        String name = innermost();
        newLine(open.size());
        endTag(name);
        return this;
    }

    /** An element holding only text. */
    XmlFile text(String name, String value) {
        newLine(open.size());
        xml.append('<').append(name).append('>');
        escaped(value, false);
        endTag(name);
        return this;
    }

    /** An element with attributes and no content, in the default namespace or that {@link #namespace} declared for {@code prefix}. */
    XmlFile empty(String prefix, String name, String... attributes) {
        newLine(open.size());
        startTag(prefix == null || prefix.isEmpty() ? name : prefix + ":" + name, true);
        for (int i = 0; i < attributes.length; i += 2) {
            attribute(attributes[i], attributes[i + 1]);
        }
        return this;
    }

    /** Closes the root element and returns the file. */
    OutputFile file(String path) {
        String name = innermost();
        newLine(0);
        endTag(name);
        xml.append('\n');
        // Elements a caller left open are closed after it, as the stream writer's end of document did.
        while (!open.isEmpty()) {
            endTag(open.pop());
        }
        return new OutputFile(path.startsWith("/") ? path.substring(1) : path,
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Takes the innermost open element off the stack, to end it. */
    private String innermost() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no element left to end");
        }
        return open.pop();
    }

    private void startTag(String name, boolean empty) {
        xml.append('<').append(name);
        inStartTag = true;
        emptyElement = empty;
    }

    private void endTag(String name) {
        xml.append("</").append(name).append('>');
    }

    /** Ends an open start tag and starts a line indented {@code depth} steps. */
    private void newLine(int depth) {
        if (inStartTag) {
            xml.append(emptyElement ? "/>" : ">");
            inStartTag = false;
        }
        xml.append('\n');
        for (int i = 0; i < depth; i++) {
            xml.append("  ");
        }
    }

    /**
     * Appends {@code value} escaped for text or, with {@code attribute}, for a value in double quotes, without the
     * characters outside the Char production of XML 1.0. Runs that need nothing are copied whole, so a value with
     * nothing to escape (most of them) is one append.
     */
    private void escaped(String value, boolean attribute) {
        int from = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c > '>' && c < Character.MIN_SURROGATE) {
                continue; // most characters, checked first
            }
            String replacement;
            if (c == '&') {
                replacement = "&amp;";
            } else if (c == '<') {
                replacement = "&lt;";
            } else if (c == '>') {
                replacement = "&gt;";
            } else if (c == '"' && attribute) {
                replacement = "&quot;";
            } else if (c >= ' ' ? c < Character.MIN_SURROGATE || (c > Character.MAX_SURROGATE && c < '\uFFFE')
                    : c == '\t' || c == '\n' || c == '\r') {
                continue; // the rest of XML 1.0's characters below U+10000
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue; // a character above U+FFFF
            } else {
                replacement = ""; // not a character of XML 1.0: dropped
            }
            xml.append(value, from, i).append(replacement);
            from = i + 1;
        }
        xml.append(value, from, length);
    }
}
