package fi.laituri.site;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One XML output file (a feed, a sitemap) written with the JDK's {@link XMLStreamWriter}, which escapes
 * text and attributes. One element per line and no declaration of anything variable, so the bytes depend
 * on the content alone. Characters XML 1.0 cannot carry are dropped rather than making the file unreadable.
 */
final class XmlFile {

    // The JDK's own implementation, not whatever StAX provider the classpath happens to bring.
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter xml;
    private int depth;

    /** Starts the document with its root element in {@code namespace} as the default namespace. */
    XmlFile(String namespace, String root) {
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

    XmlFile namespace(String prefix, String uri) {
        return run(() -> {
            xml.setPrefix(prefix, uri);
            xml.writeNamespace(prefix, uri);
        });
    }

    XmlFile attribute(String name, String value) {
        return run(() -> xml.writeAttribute(name, clean(value)));
    }

    /** {@code xml:lang}, which Atom uses for the language of a feed or entry. */
    XmlFile lang(String value) {
        return run(() -> xml.writeAttribute(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI, "lang", clean(value)));
    }

    XmlFile start(String name) {
        return run(() -> {
            newLine();
            xml.writeStartElement(name);
            depth++;
        });
    }

    XmlFile end() {
        return run(() -> {
            depth--;
            newLine();
            xml.writeEndElement();
        });
    }

    /** An element holding only text. */
    XmlFile text(String name, String value) {
        return run(() -> {
            newLine();
            xml.writeStartElement(name);
            xml.writeCharacters(clean(value));
            xml.writeEndElement();
        });
    }

    /** An element with attributes and no content, in the default namespace or {@code prefix}'s. */
    XmlFile empty(String prefix, String namespace, String name, String... attributes) {
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
    OutputFile file(String path) {
        run(() -> {
            depth = 0;
            newLine();
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        });
        return new OutputFile(path.startsWith("/") ? path.substring(1) : path, bytes.toByteArray());
    }

    private void newLine() throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(XmlFile::allowed).forEach(out::appendCodePoint);
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

    private XmlFile run(XmlWrite write) {
        try {
            write.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return this;
    }
}
