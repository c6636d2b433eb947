package fi.laituri.media;

import fi.laituri.DomainException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An SVG is taken only when it is already clean: no scripts, event handlers, embedded HTML, DTDs or entities, and no
 * reference outside itself (links and {@code url()} only to {@code #fragments}). Anything else is a {@code 415}:
 * rewriting a hostile drawing would publish something its author did not make.
 */
final class SvgCheck {

    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "foreignobject", "iframe", "embed", "object",
            "handler", "listener", "use-external", "animate", "set");
    private static final Pattern EXTERNAL_URL = Pattern.compile("(?i)url\\(\\s*['\"]?\\s*(?!#)");
    private static final Pattern DANGEROUS_TEXT = Pattern.compile("(?i)javascript:|@import|expression\\(");

    private final XMLInputFactory factory;

    SvgCheck() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    void check(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            boolean root = true;
            boolean inStyle = false;
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamReader.DTD, XMLStreamReader.ENTITY_REFERENCE ->
                            refuse("it declares a DTD or entities");
                    case XMLStreamReader.START_ELEMENT -> {
                        String name = xml.getLocalName().toLowerCase(Locale.ROOT);
                        if (root && !name.equals("svg")) {
                            refuse("its root element is " + name);
                        }
                        root = false;
                        if (FORBIDDEN_ELEMENTS.contains(name)) {
                            refuse("it has a <" + xml.getLocalName() + "> element");
                        }
                        inStyle = name.equals("style");
                        for (int i = 0; i < xml.getAttributeCount(); i++) {
                            String attribute = xml.getAttributeLocalName(i).toLowerCase(Locale.ROOT);
                            String value = xml.getAttributeValue(i);
                            if (attribute.startsWith("on")) {
                                refuse("it has an event handler (" + attribute + ")");
                            }
                            if (attribute.equals("href") && !value.strip().startsWith("#")) {
                                refuse("it refers to something outside itself (" + value + ")");
                            }
                            text(value);
                        }
                    }
                    case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> {
                        if (inStyle) {
                            text(xml.getText());
                        }
                    }
                    case XMLStreamReader.END_ELEMENT -> inStyle = false;
                    case XMLStreamReader.PROCESSING_INSTRUCTION -> refuse("it has a processing instruction");
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw DomainException.invalid("file", "the SVG is not well-formed XML (truncated?): " + e.getMessage());
        }
    }

    private static void text(String value) {
        if (EXTERNAL_URL.matcher(value).find() || DANGEROUS_TEXT.matcher(value).find()) {
            refuse("it refers to something outside itself or runs code (" + value.strip() + ")");
        }
    }

    private static void refuse(String why) {
        throw DomainException.unsupportedType("SVG images are accepted only when clean, and this one is not: " + why);
    }
}
