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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SVG is taken only when it is already clean: no scripts, event handlers, embedded HTML, DTDs or entities, and no
 * reference outside itself (links and {@code url()} only to {@code #fragments}). Anything else is a {@code 415}:
 * rewriting a hostile drawing would publish something its author did not make.
 *
 * <p>A clean SVG's size in CSS pixels comes from its root's {@code width} and {@code height} (absolute units), the
 * missing one or both from its {@code viewBox}'s proportions; one that says neither has no size to lay out by, and is
 * refused ({@code 400}) rather than given a guessed one.
 */
final class SvgCheck {

    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "foreignobject", "iframe", "embed", "object",
            "handler", "listener", "use-external", "animate", "set");
    private static final Pattern EXTERNAL_URL = Pattern.compile("(?i)url\\(\\s*['\"]?\\s*(?!#)");
    private static final Pattern DANGEROUS_TEXT = Pattern.compile("(?i)javascript:|@import|expression\\(");
    private static final Pattern LENGTH = Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*(px|pt|pc|mm|cm|in)?\\s*");
    private static final int MAX_SIDE = 100_000;

    /** An SVG's width and height in CSS pixels. */
    record Size(int width, int height) {
    }

    private final XMLInputFactory factory;

    SvgCheck() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    /** Refuses an unclean SVG; the size of a clean one. */
    Size check(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            boolean root = true;
            String[] said = null;
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
                        if (root) {
                            said = new String[]{xml.getAttributeValue(null, "width"), xml.getAttributeValue(null, "height"),
                                    xml.getAttributeValue(null, "viewBox")};
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
            if (said == null) {
                throw DomainException.invalid("file", "the SVG has no root element");
            }
            // Only a clean drawing's size matters: an unclean one is refused for that, whatever it says.
            return size(said[0], said[1], said[2]);
        } catch (XMLStreamException e) {
            throw DomainException.invalid("file", "the SVG is not well-formed XML (truncated?): " + e.getMessage());
        }
    }

    static Size size(String width, String height, String viewBox) {
        Double w = pixels(width);
        Double h = pixels(height);
        double[] box = viewBox(viewBox);
        if (w == null || h == null) {
            if (box == null) {
                throw DomainException.invalid("file", "the SVG says no size: give its root element a width and a height"
                        + " (in px or another absolute unit) or a viewBox");
            }
            if (w == null && h == null) {
                w = box[2];
                h = box[3];
            } else if (w == null) {
                w = h * box[2] / box[3];
            } else {
                h = w * box[3] / box[2];
            }
        }
        long wide = Math.max(1, Math.round(w));
        long high = Math.max(1, Math.round(h));
        if (wide > MAX_SIDE || high > MAX_SIDE) {
            throw DomainException.invalid("file", "the SVG says it is " + wide + " × " + high + " pixels; at most "
                    + MAX_SIDE + " a side");
        }
        return new Size((int) wide, (int) high);
    }

    /** An absolute length in CSS pixels; null for none, a relative one (%, em) or nonsense. */
    private static Double pixels(String length) {
        if (length == null) {
            return null;
        }
        Matcher m = LENGTH.matcher(length);
        if (!m.matches()) {
            return null;
        }
        double value = Double.parseDouble(m.group(1));
        double px = value * switch (m.group(2) == null ? "px" : m.group(2)) {
            case "pt" -> 96.0 / 72;
            case "pc" -> 16;
            case "mm" -> 96 / 25.4;
            case "cm" -> 96 / 2.54;
            case "in" -> 96;
            default -> 1;
        };
        return px > 0 && Double.isFinite(px) ? px : null;
    }

    /** The four numbers of a viewBox whose width and height are positive; else null. */
    private static double[] viewBox(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.strip().split("[\\s,]+");
        if (parts.length != 4) {
            return null;
        }
        double[] box = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                box[i] = Double.parseDouble(parts[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return box[2] > 0 && box[3] > 0 && Double.isFinite(box[2]) && Double.isFinite(box[3]) ? box : null;
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
