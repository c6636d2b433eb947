package fi.laituri.site;

import fi.laituri.site.hyphenation.Hyphenator;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The templates' {@code hyphenate(lang)} (text, which the template then escapes) and {@code hyphenateHeadings(lang)}
 * (HTML: the text of its {@code h2}-{@code h6} headings, not their tags), which put soft hyphens into long words for
 * the html {@code lang} given; a language without patterns is left as it is.
 */
final class HyphenationFilters {

    private HyphenationFilters() {
    }

    static Map<String, Filter> all() {
        return Map.of("hyphenate", filter(HyphenationFilters::text), "hyphenateHeadings", filter(HyphenationFilters::headings));
    }

    private static Filter filter(java.util.function.BiFunction<Hyphenator, String, String> apply) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of("lang");
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int lineNumber) {
                if (input == null) {
                    return null;
                }
                return Hyphenator.of(String.valueOf(args.get("lang")))
                        .map(h -> apply.apply(h, input.toString())).orElse(input.toString());
            }
        };
    }

    private static String text(Hyphenator hyphenator, String text) {
        return hyphenator.hyphenate(text);
    }

    private static String headings(Hyphenator hyphenator, String html) {
        return headings(html, hyphenator::hyphenate);
    }

    /**
     * {@code html} with the text of each heading hyphenated: from {@code <h2} to {@code <h6} (lower case) through
     * the first {@code >} to the first closing tag of any level, {@code </h2>} to {@code </h6>}, after it. Found by
     * hand as the regular expression {@code (<h[2-6][^>]*>)(.*?)(</h[2-6]>)} (DOTALL) finds them, malformed HTML
     * included: its search over each page's body was some 8% of a full build's rendering. HyphenationFiltersTest keeps
     * the expression and compares the two.
     */
    static String headings(String html, UnaryOperator<String> hyphenate) {
        StringBuilder out = null;
        int done = 0;
        int at = html.indexOf("<h");
        while (at >= 0) {
            if (!isLevel(html, at + 2)) {
                at = html.indexOf("<h", at + 1);
                continue;
            }
            int open = html.indexOf('>', at + 3);
            int close = open < 0 ? -1 : closingTag(html, open + 1);
            if (close < 0) {
                // Any heading further on would need a '>' and a closing tag after this one's: there are none.
                break;
            }
            if (out == null) {
                out = new StringBuilder(html.length() + 64);
            }
            out.append(html, done, open + 1).append(outsideTags(html.substring(open + 1, close), hyphenate))
                    .append(html, close, close + 5);
            done = close + 5;
            at = html.indexOf("<h", done);
        }
        return out == null ? html : out.append(html, done, html.length()).toString();
    }

    /** Where the first {@code </h2>} to {@code </h6>} from {@code from} begins, or -1. */
    private static int closingTag(String html, int from) {
        int at = html.indexOf("</h", from);
        while (at >= 0 && !(isLevel(html, at + 3) && at + 4 < html.length() && html.charAt(at + 4) == '>')) {
            at = html.indexOf("</h", at + 1);
        }
        return at;
    }

    private static boolean isLevel(String html, int at) {
        return at < html.length() && html.charAt(at) >= '2' && html.charAt(at) <= '6';
    }

    /**
     * Hyphenates the text between tags and entities, leaving those whole: those the regular expression
     * {@code <[^>]*>|&[#a-zA-Z0-9]+;} finds, a {@code <} with no {@code >} after it or an {@code &} that begins none
     * being text.
     */
    static String outsideTags(String html, UnaryOperator<String> hyphenate) {
        StringBuilder out = new StringBuilder(html.length() + 16);
        int text = 0;
        for (int at = 0; at < html.length(); at++) {
            int end = tagOrEntityEnd(html, at);
            if (end > 0) {
                out.append(hyphenate.apply(html.substring(text, at))).append(html, at, end);
                text = end;
                at = end - 1;
            }
        }
        return out.append(hyphenate.apply(html.substring(text))).toString();
    }

    /** Where the tag or the entity ({@code &}, letters, digits or {@code #}, {@code ;}) at {@code at} ends, or -1. */
    private static int tagOrEntityEnd(String html, int at) {
        char c = html.charAt(at);
        if (c == '<') {
            int end = html.indexOf('>', at + 1);
            return end < 0 ? -1 : end + 1;
        }
        if (c != '&') {
            return -1;
        }
        int end = at + 1;
        while (end < html.length() && isEntityChar(html.charAt(end))) {
            end++;
        }
        return end > at + 1 && end < html.length() && html.charAt(end) == ';' ? end + 1 : -1;
    }

    private static boolean isEntityChar(char c) {
        return c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
