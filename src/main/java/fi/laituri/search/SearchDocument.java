package fi.laituri.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One published page as search sees it. {@code id} is {@code <key>:<language>}, the same for every revision of
 * a language version, so a republish replaces it. {@code bodyText} is plain text ({@link #plainText}).
 */
@Serdeable
public record SearchDocument(String id, String language, String kind, String url, String title, String summary,
                             String bodyText, List<String> tags, List<String> authors,
                             @Nullable OffsetDateTime date) {

    public SearchDocument {
        tags = List.copyOf(tags);
        authors = List.copyOf(authors);
    }

    /** The id of a document's version in a language. */
    public static String id(String key, String language) {
        return key + ":" + language;
    }

    private static final Pattern BLOCK_TAG = Pattern.compile(
            "(?i)</?(p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|blockquote|pre|hr)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\s*\\n\\s*");

    /**
     * The text of rendered body HTML ({@link fi.laituri.markdown.Markdown} output, which escapes any HTML the
     * author wrote, so every tag here is the renderer's): block elements become line breaks, inline ones vanish,
     * entities are decoded.
     */
    public static String plainText(String html) {
        String text = BLOCK_TAG.matcher(html).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1))));
        }
        m.appendTail(out);
        return BLANK_LINES.matcher(SPACES.matcher(out).replaceAll(" ")).replaceAll("\n").strip();
    }

    private static String decode(String entity) {
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
                int cp = entity.startsWith("#x") || entity.startsWith("#X")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD";
            }
        };
    }
}
