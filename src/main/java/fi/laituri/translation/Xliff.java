package fi.laituri.translation;

import fi.laituri.translation.Segments.Chars;
import fi.laituri.translation.Segments.Part;
import fi.laituri.translation.Segments.Pc;
import fi.laituri.translation.Segments.Ph;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XLIFF 2.0 files (OASIS, namespace {@value #NS}) as CAT tools read them: a {@code <file>} per document,
 * a {@code <unit>} per translatable text, inline codes as {@code <ph>} and {@code <pc>} pointing at
 * their Markdown in {@code <originalData>}. Laituri's own bookkeeping (document, language, source
 * revision) rides in attributes of the {@value #LT} namespace on {@code <file>}, which XLIFF allows.
 * Reading refuses DTDs, so no external entity is ever fetched or expanded.
 */
final class Xliff {

    static final String NS = "urn:oasis:names:tc:xliff:document:2.0";
    static final String LT = "urn:laituri:xliff";

    private Xliff() {
    }

    /** A unit to write: {@code target} null when there is no translation yet. */
    record UnitOut(String id, String note, List<Part> source, List<Part> target) {
    }

    record FileOut(long documentId, String key, String language, String sourceLanguage, int sourceRevision,
                   Long targetVersion, String note, List<UnitOut> units) {
    }

    /** A unit as read: the texts of its segments and ignorables joined; {@code target} null when absent. */
    record UnitIn(String id, List<Part> source, List<Part> target) {
    }

    record FileIn(String id, Map<String, String> laituri, Map<String, UnitIn> units) {
    }

    record Parsed(String srcLang, String trgLang, List<FileIn> files) {
    }

    /** A file that cannot be imported; the message names the unit or place and the problem. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    // --- writing ---------------------------------------------------------------------------------

    static String write(String srcLang, String trgLang, List<FileOut> files) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.setDefaultNamespace(NS);
            x.setPrefix("lt", LT);
            x.writeStartElement(NS, "xliff");
            x.writeDefaultNamespace(NS);
            x.writeNamespace("lt", LT);
            x.writeAttribute("version", "2.0");
            x.writeAttribute("srcLang", srcLang);
            x.writeAttribute("trgLang", trgLang);
            for (FileOut f : files) {
                x.writeCharacters("\n  ");
                x.writeStartElement(NS, "file");
                x.writeAttribute("id", "d" + f.documentId());
                x.writeAttribute("original", "laituri:documents/" + f.documentId() + "/" + f.language());
                x.writeAttribute(LT, "document", Long.toString(f.documentId()));
                x.writeAttribute(LT, "key", f.key());
                x.writeAttribute(LT, "language", f.language());
                x.writeAttribute(LT, "sourceLanguage", f.sourceLanguage());
                x.writeAttribute(LT, "sourceRevision", Integer.toString(f.sourceRevision()));
                if (f.targetVersion() != null) {
                    x.writeAttribute(LT, "targetVersion", Long.toString(f.targetVersion()));
                }
                notes(x, "    ", f.note());
                for (UnitOut u : f.units()) {
                    unit(x, u);
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XLIFF to a string failed", e);
        }
        return out.toString();
    }

    private static void notes(XMLStreamWriter x, String indent, String note) throws XMLStreamException {
        x.writeCharacters("\n" + indent);
        x.writeStartElement(NS, "notes");
        x.writeStartElement(NS, "note");
        x.writeAttribute("category", "context");
        x.writeCharacters(note);
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void unit(XMLStreamWriter x, UnitOut u) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement(NS, "unit");
        x.writeAttribute("id", u.id());
        notes(x, "      ", u.note());
        List<String[]> data = new ArrayList<>();
        collectData(u.source(), data);
        if (!data.isEmpty()) {
            x.writeCharacters("\n      ");
            x.writeStartElement(NS, "originalData");
            for (String[] d : data) {
                x.writeStartElement(NS, "data");
                x.writeAttribute("id", d[0]);
                x.writeCharacters(d[1]);
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n      ");
        x.writeStartElement(NS, "segment");
        x.writeAttribute("state", u.target() == null ? "initial" : "translated");
        x.writeCharacters("\n        ");
        x.writeStartElement(NS, "source");
        inline(x, u.source());
        x.writeEndElement();
        if (u.target() != null) {
            x.writeCharacters("\n        ");
            x.writeStartElement(NS, "target");
            inline(x, u.target());
            x.writeEndElement();
        }
        x.writeCharacters("\n      ");
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    /** The Markdown of every code, as {@code <data>}: a ph's as d{id}, a pc's as d{id}s and d{id}e. */
    private static void collectData(List<Part> parts, List<String[]> data) {
        for (Part p : parts) {
            if (p instanceof Ph ph) {
                data.add(new String[]{"d" + ph.id(), ph.data()});
            } else if (p instanceof Pc pc) {
                data.add(new String[]{"d" + pc.id() + "s", pc.start()});
                data.add(new String[]{"d" + pc.id() + "e", pc.end()});
                collectData(pc.children(), data);
            }
        }
    }

    private static void inline(XMLStreamWriter x, List<Part> parts) throws XMLStreamException {
        for (Part p : parts) {
            if (p instanceof Chars c) {
                x.writeCharacters(c.text());
            } else if (p instanceof Ph ph) {
                x.writeEmptyElement(NS, "ph");
                x.writeAttribute("id", Integer.toString(ph.id()));
                x.writeAttribute("dataRef", "d" + ph.id());
                x.writeAttribute("type", ph.type());
                if (ph.subType() != null) {
                    x.writeAttribute("subType", ph.subType());
                }
                if (ph.disp() != null) {
                    x.writeAttribute("disp", ph.disp());
                }
            } else if (p instanceof Pc pc) {
                x.writeStartElement(NS, "pc");
                x.writeAttribute("id", Integer.toString(pc.id()));
                x.writeAttribute("dataRefStart", "d" + pc.id() + "s");
                x.writeAttribute("dataRefEnd", "d" + pc.id() + "e");
                x.writeAttribute("type", pc.type());
                if (pc.subType() != null) {
                    x.writeAttribute("subType", pc.subType());
                }
                inline(x, pc.children());
                x.writeEndElement();
            }
        }
    }

    // --- reading ---------------------------------------------------------------------------------

    static Parsed read(String xml) {
        org.w3c.dom.Document dom;
        try {
            dom = builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new Invalid("the file is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new Invalid("the file is not well-formed XML: " + e.getMessage());
        }
        Element root = dom.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"xliff".equals(root.getLocalName())) {
            throw new Invalid("the root element is not <xliff> in the XLIFF 2.0 namespace " + NS);
        }
        if (!"2.0".equals(root.getAttribute("version"))) {
            throw new Invalid("the file is XLIFF version '" + root.getAttribute("version") + "', not 2.0");
        }
        List<FileIn> files = new ArrayList<>();
        for (Element file : children(root, "file")) {
            Map<String, String> lt = new LinkedHashMap<>();
            for (int i = 0; i < file.getAttributes().getLength(); i++) {
                Node a = file.getAttributes().item(i);
                if (LT.equals(a.getNamespaceURI())) {
                    lt.put(a.getLocalName(), a.getNodeValue());
                }
            }
            Map<String, UnitIn> units = new LinkedHashMap<>();
            for (Element unit : descendants(file, "unit")) {
                String id = unit.getAttribute("id");
                if (units.containsKey(id)) {
                    throw new Invalid("unit " + id + " appears twice in file " + file.getAttribute("id"));
                }
                List<Part> source = new ArrayList<>();
                List<Part> target = new ArrayList<>();
                boolean anyTarget = false;
                for (Element part : children(unit, null)) {
                    if (!part.getLocalName().equals("segment") && !part.getLocalName().equals("ignorable")) {
                        continue;
                    }
                    List<Element> src = children(part, "source");
                    List<Element> trg = children(part, "target");
                    if (src.size() != 1) {
                        throw new Invalid("unit " + id + ": a " + part.getLocalName() + " needs exactly one <source>");
                    }
                    source.addAll(inline(id, src.get(0)));
                    if (!trg.isEmpty()) {
                        anyTarget = true;
                        target.addAll(inline(id, trg.get(0)));
                    } else if (part.getLocalName().equals("ignorable")) {
                        target.addAll(inline(id, src.get(0)));
                    }
                }
                units.put(id, new UnitIn(id, source, anyTarget ? target : null));
            }
            files.add(new FileIn(file.getAttribute("id"), lt, units));
        }
        return new Parsed(root.getAttribute("srcLang"), root.getAttribute("trgLang"), files);
    }

    private static List<Part> inline(String unit, Element element) {
        List<Part> parts = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                parts.add(new Chars(n.getNodeValue()));
            } else if (n instanceof Element e) {
                if (!NS.equals(e.getNamespaceURI())) {
                    throw new Invalid("unit " + unit + ": unknown element <" + e.getNodeName() + "> in the text");
                }
                int id = codeId(unit, e);
                switch (e.getLocalName()) {
                    case "ph" -> parts.add(new Ph(id, e.getAttribute("type"), null, null, null));
                    case "pc" -> parts.add(new Pc(id, e.getAttribute("type"), null, null, null, inline(unit, e)));
                    default -> throw new Invalid("unit " + unit + ": <" + e.getLocalName()
                            + "> is not an inline code Laituri reads; keep the codes as exported (<ph>, <pc>)");
                }
            }
        }
        return parts;
    }

    private static int codeId(String unit, Element e) {
        try {
            return Integer.parseInt(e.getAttribute("id"));
        } catch (NumberFormatException ex) {
            throw new Invalid("unit " + unit + ": the inline code <" + e.getLocalName() + " id=\"" + e.getAttribute("id")
                    + "\"> was not in the exported file");
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI())
                    && (localName == null || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Units directly in a file or in its groups. */
    private static List<Element> descendants(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent, null)) {
            if (e.getLocalName().equals(localName)) {
                out.add(e);
            } else if (e.getLocalName().equals("group")) {
                out.addAll(descendants(e, localName));
            }
        }
        return out;
    }

    /** A namespace-aware parser that refuses DTDs, so no entity, external or internal, is ever expanded. */
    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }
}
