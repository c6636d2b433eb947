package fi.laituri.participation;

import fi.laituri.site.Discussions.Paragraph;
import fi.laituri.site.Discussions.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader typed, as text: never HTML nor Markdown. It is cleaned of control characters, its lines kept, and
 * shown as paragraphs of text segments, where only {@code http(s)} addresses become links (which the templates
 * mark {@code rel="nofollow ugc"}); everything else is printed literally, escaped by the templates.
 */
final class ReaderText {

    /** An address as readers write them; a trailing full stop, comma or bracket is the sentence's, not the link's. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'`]+");
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]}]+$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t\\u200d]]");

    private ReaderText() {
    }

    /** Lines joined by {@code \n}, control and format characters (bidi overrides among them) taken out, ends stripped. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("").strip();
    }

    /** A one-line field: {@link #clean}, with line breaks and tabs as spaces. */
    static String line(String text) {
        return clean(text).replaceAll("[\\n\\t]+", " ");
    }

    static int links(String text) {
        int n = 0;
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Paragraphs split at blank lines; within one, single line breaks stay in the text (shown as breaks by CSS). */
    static List<Paragraph> paragraphs(String text) {
        List<Paragraph> out = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            String p = block.strip();
            if (!p.isEmpty()) {
                out.add(new Paragraph(segments(p)));
            }
        }
        return out;
    }

    private static List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        int at = 0;
        while (m.find()) {
            String link = m.group();
            Matcher trailing = TRAILING.matcher(link);
            if (trailing.find()) {
                link = link.substring(0, trailing.start());
            }
            if (link.isEmpty()) {
                continue;
            }
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), null));
            }
            String href = link.regionMatches(true, 0, "www.", 0, 4) ? "https://" + link : link;
            out.add(new Segment(link, href));
            at = m.start() + link.length();
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), null));
        }
        return out;
    }
}
