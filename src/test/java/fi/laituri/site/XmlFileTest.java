package fi.laituri.site;

import org.junit.jupiter.api.Test;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link XmlFile} writes the bytes the JDK's {@link XMLStreamWriter} wrote before it, kept here as {@link Stax} (the
 * former XmlFile with only its type changed), for hostile values and for generated documents.
 */
class XmlFileTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    /** Every character that escaping or cleaning treats apart, and some that it must leave alone. */
    private static final String[] HOSTILE = {
            "", "plain", "& < > \" '", "]]>", "<![CDATA[x]]>", "&amp; &#x41; &lt;", "a\tb\nc\rd\r\ne", "\t\n\r",
            "\u0000", "nul\u0000in", "\u0001\u0008\u000B\u000C\u000E\u001F", "\u007F\u0080\u0085\u009F\u00A0",
            "\uD7FF\uE000\uFFFD", "\uFFFE", "\uFFFF", "x\uFFFEy\uFFFFz", "\uD800", "\uDFFF", "a\uD83Db", "a\uDE00b",
            "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "\uD83D\uDE00\uDE00", "end\uD83D", "🙂 😀 👩‍👩‍👧", "𐍈\uDBFF\uDFFF\uD800\uDC00",
            "Kotoutuminen – integration › Åbo, café, 中文", "\"quoted\" and 'single'", "<a href=\"x?a=1&b=2\">",
            "a".repeat(100_000), "&<>\"".repeat(25_000), "🙂".repeat(30_000), "ä\u0000".repeat(40_000),
    };

    /** One sequence of calls, run on both writers. */
    private interface Xml {
        Xml namespace(String prefix, String uri);

        Xml attribute(String name, String value);

        Xml lang(String value);

        Xml start(String name);

        Xml end();

        Xml text(String name, String value);

        Xml empty(String prefix, String namespace, String name, String... attributes);

        byte[] file();
    }

    private static void assertSameBytes(String namespace, String root, Consumer<Xml> calls) {
        Stax before = new Stax(namespace, root);
        calls.accept(before);
        Now now = new Now(namespace, root);
        calls.accept(now);
        byte[] expected = before.file();
        byte[] actual = now.file();
        if (!java.util.Arrays.equals(expected, actual)) {
            // The text shows where they part; the bytes, that nothing else differs.
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void aFeedShapedDocumentIsTheSameByteForByte() {
        assertSameBytes(ATOM, "feed", x -> x.lang("fi")
                .text("id", "https://example.org/fi/feed.xml").text("title", "Blogi & uutiset")
                .empty(null, null, "link", "rel", "self", "type", "application/atom+xml", "href", "https://e.org/?a=1&b=2")
                .start("author").text("name", "Laituri").end()
                .start("entry").lang("sv").text("id", "https://example.org/sv/x").text("title", "Åbo <3")
                .empty(null, null, "category", "term", "\"tag\"").text("summary", "").end());
    }

    @Test
    void aSitemapShapedDocumentIsTheSameByteForByte() {
        assertSameBytes("http://www.sitemaps.org/schemas/sitemap/0.9", "urlset", x -> x.namespace("xhtml", XHTML)
                .start("url").text("loc", "https://example.org/fi/").text("lastmod", "2026-01-02T03:04:05+02:00")
                .empty("xhtml", XHTML, "link", "rel", "alternate", "hreflang", "fi", "href", "https://example.org/fi/")
                .empty("xhtml", XHTML, "link", "rel", "alternate", "hreflang", "sv", "href", "https://example.org/sv/")
                .end());
    }

    @Test
    void anEmptyRootAndAnEmptyElementLastAreTheSameByteForByte() {
        assertSameBytes(ATOM, "feed", x -> { });
        assertSameBytes(ATOM, "feed", x -> x.attribute("a", "1").empty(null, null, "x"));
        assertSameBytes(ATOM, "feed", x -> x.start("a").empty("", XHTML, "b", "c", "d").end().start("e").end());
    }

    @Test
    void hostileValuesAreEscapedAndCleanedTheSameInTextAttributesAndLanguages() {
        for (String value : HOSTILE) {
            assertSameBytes(ATOM, "feed", x -> x.lang(value).attribute("a", value).text("t", value)
                    .start("e").lang(value).empty(null, null, "c", "term", value, "other", value).end()
                    .empty("xhtml", XHTML, "link", "href", value).text("u", value));
        }
    }

    @Test
    void namespacesNeedingEscapesAreTheSameByteForByte() {
        String uri = "urn:x?a=1&b=<2>&c=\"3\"&d='4'";
        assertSameBytes(uri, "root", x -> x.namespace("p", uri).namespace("q", XHTML).text("t", "x"));
    }

    @Test
    void elementsLeftOpenAreClosedAtTheEndAsTheStreamWriterClosedThem() {
        assertSameBytes(ATOM, "feed", x -> x.start("a").start("b").text("c", "d"));
        assertSameBytes(ATOM, "feed", x -> x.start("a").empty(null, null, "b", "c", "d"));
    }

    @Test
    void anAttributeAfterItsStartTagIsClosedIsRefusedAsBefore() {
        assertThrows(IllegalStateException.class, () -> new Stax(ATOM, "feed").text("a", "b").attribute("c", "d"));
        assertThrows(IllegalStateException.class, () -> new XmlFile(ATOM, "feed").text("a", "b").attribute("c", "d"));
        assertThrows(IllegalStateException.class, () -> new Stax(ATOM, "feed").start("a").end().lang("fi"));
        assertThrows(IllegalStateException.class, () -> new XmlFile(ATOM, "feed").start("a").end().lang("fi"));
    }

    @Test
    void generatedDocumentsAreTheSameByteForByte() {
        Random random = new Random(20261231);
        for (int document = 0; document < 500; document++) {
            List<Consumer<Xml>> calls = generated(random);
            assertSameBytes(random.nextBoolean() ? ATOM : "urn:a&b", random.nextBoolean() ? "feed" : "urlset",
                    x -> calls.forEach(call -> call.accept(x)));
        }
    }

    /** A random sequence of calls that the stream writer accepts: attributes only in an open start tag. */
    private static List<Consumer<Xml>> generated(Random random) {
        List<Consumer<Xml>> calls = new ArrayList<>();
        boolean inStartTag = true;
        int depth = 1;
        if (random.nextBoolean()) {
            calls.add(x -> x.namespace("xhtml", XHTML));
        }
        for (int i = random.nextInt(60); i > 0; i--) {
            String value = value(random);
            String name = "e" + random.nextInt(4);
            switch (random.nextInt(7)) {
                case 0 -> {
                    calls.add(x -> x.start(name));
                    inStartTag = true;
                    depth++;
                }
                case 1 -> {
                    if (depth > 1) {
                        calls.add(Xml::end);
                        inStartTag = false;
                        depth--;
                    }
                }
                case 2, 3 -> {
                    calls.add(x -> x.text(name, value));
                    inStartTag = false;
                }
                case 4 -> {
                    String prefix = random.nextBoolean() ? null : "xhtml";
                    String[] attributes = new String[2 * random.nextInt(4)];
                    for (int a = 0; a < attributes.length; a += 2) {
                        attributes[a] = "a" + a;
                        attributes[a + 1] = value(random);
                    }
                    calls.add(x -> x.empty(prefix, prefix == null ? null : XHTML, name, attributes));
                    inStartTag = true;
                }
                default -> {
                    if (inStartTag) {
                        calls.add(random.nextBoolean() ? x -> x.lang(value) : x -> x.attribute("a" + name, value));
                    }
                }
            }
        }
        // Mostly ended as the callers end them, sometimes not.
        if (random.nextInt(5) > 0) {
            for (; depth > 1; depth--) {
                calls.add(Xml::end);
            }
        }
        return calls;
    }

    private static final String ALPHABET = "ab Zä€&<>\"'\t\n\r]\u0000\u0001\u001F\u007F\u0085\uD7FF\uE000\uFFFD\uFFFE\uFFFF"
            + "\uD800\uDBFF\uDC00\uDFFF";
    private static final String[] PAIRS = {"🙂", "😀", "𐍈", "\uDBFF\uDFFF"};

    private static String value(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(10) == 0 ? random.nextInt(5000) : random.nextInt(20);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(8) == 0) {
                value.append(PAIRS[random.nextInt(PAIRS.length)]);
            } else {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return value.toString();
    }

    /** XmlFile as it is. */
    private static final class Now implements Xml {
        private final XmlFile xml;

        Now(String namespace, String root) {
            xml = new XmlFile(namespace, root);
        }

        public Xml namespace(String prefix, String uri) {
            xml.namespace(prefix, uri);
            return this;
        }

        public Xml attribute(String name, String value) {
            xml.attribute(name, value);
            return this;
        }

        public Xml lang(String value) {
            xml.lang(value);
            return this;
        }

        public Xml start(String name) {
            xml.start(name);
            return this;
        }

        public Xml end() {
            xml.end();
            return this;
        }

        public Xml text(String name, String value) {
            xml.text(name, value);
            return this;
        }

        public Xml empty(String prefix, String namespace, String name, String... attributes) {
            // The stream writer is told the prefix's namespace again; XmlFile has it from namespace(...).
            xml.empty(prefix, name, attributes);
            return this;
        }

        public byte[] file() {
            return xml.file("/x.xml").bytes();
        }
    }

    /** XmlFile as it was, on the JDK's XMLStreamWriter: the reference. */
    private static final class Stax implements Xml {

        // The JDK's own implementation, not whatever StAX provider the classpath happens to bring.
        private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final XMLStreamWriter xml;
        private int depth;

        /** Starts the document with its root element in {@code namespace} as the default namespace. */
        Stax(String namespace, String root) {
            try {
                xml = FACTORY.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
                xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
                xml.writeCharacters("\n");
                xml.setDefaultNamespace(namespace);
                xml.writeStartElement(namespace, root);
                xml.writeDefaultNamespace(namespace);
                depth = 1;
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }

        public Stax namespace(String prefix, String uri) {
            return run(() -> {
                xml.setPrefix(prefix, uri);
                xml.writeNamespace(prefix, uri);
            });
        }

        public Stax attribute(String name, String value) {
            return run(() -> xml.writeAttribute(name, clean(value)));
        }

        /** {@code xml:lang}, which Atom uses for the language of a feed or entry. */
        public Stax lang(String value) {
            return run(() -> xml.writeAttribute(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI, "lang", clean(value)));
        }

        public Stax start(String name) {
            return run(() -> {
                newLine();
                xml.writeStartElement(name);
                depth++;
            });
        }

        public Stax end() {
            return run(() -> {
                depth--;
                newLine();
                xml.writeEndElement();
            });
        }

        /** An element holding only text. */
        public Stax text(String name, String value) {
            return run(() -> {
                newLine();
                xml.writeStartElement(name);
                xml.writeCharacters(clean(value));
                xml.writeEndElement();
            });
        }

        /** An element with attributes and no content, in the default namespace or {@code prefix}'s. */
        public Stax empty(String prefix, String namespace, String name, String... attributes) {
            return run(() -> {
                newLine();
                if (prefix == null) {
                    xml.writeEmptyElement(name);
                } else {
                    xml.writeEmptyElement(prefix, name, namespace);
                }
                for (int i = 0; i < attributes.length; i += 2) {
                    xml.writeAttribute(attributes[i], clean(attributes[i + 1]));
                }
            });
        }

        /** Closes the root element and returns the file. */
        public byte[] file() {
            run(() -> {
                depth = 0;
                newLine();
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndDocument();
                xml.close();
            });
            return bytes.toByteArray();
        }

        private void newLine() throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }

        private static String clean(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().filter(Stax::allowed).forEach(out::appendCodePoint);
            return out.toString();
        }

        /** The Char production of XML 1.0. */
        private static boolean allowed(int c) {
            return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
        }

        private interface XmlWrite {
            void run() throws XMLStreamException;
        }

        private Stax run(XmlWrite write) {
            try {
                write.run();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("cannot write XML", e);
            }
            return this;
        }
    }
}
