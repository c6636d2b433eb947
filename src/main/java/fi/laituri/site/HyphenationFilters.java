package fi.laituri.site;

import fi.laituri.site.hyphenation.Hyphenator;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates' {@code hyphenate(lang)} (text, which the template then escapes) and {@code hyphenateHeadings(lang)}
 * (HTML: the text of its {@code h2}-{@code h6} headings, not their tags), which put soft hyphens into long words for
 * the html {@code lang} given; a language without patterns is left as it is.
 */
final class HyphenationFilters {

    private static final Pattern HEADING = Pattern.compile("(<h[2-6][^>]*>)(.*?)(</h[2-6]>)", Pattern.DOTALL);
    private static final Pattern TAG_OR_ENTITY = Pattern.compile("<[^>]*>|&[#a-zA-Z0-9]+;");

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
        Matcher m = HEADING.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + outsideTags(hyphenator, m.group(2)) + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Hyphenates the text between tags and entities, leaving those whole. */
    private static String outsideTags(Hyphenator hyphenator, String html) {
        Matcher m = TAG_OR_ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(hyphenator.hyphenate(html.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return out.append(hyphenator.hyphenate(html.substring(at))).toString();
    }
}
