package fi.laituri.site;

import io.pebbletemplates.pebble.PebbleEngine;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Page} with {@code page.peb}. The templates see the page's fields as variables of their
 * own ({@code title}, {@code htmlLang}, ...) and the language's words as {@code messages}.
 */
@Singleton
public class PageRenderer {

    private final PebbleEngine pebble;
    private final SiteMessages messages;

    PageRenderer(PebbleEngine pebble, SiteMessages messages) {
        this.pebble = pebble;
        this.messages = messages;
    }

    public String render(Page page) {
        return render(page, null);
    }

    /** Room a rendered page is given at first: some 20,000 characters, the inline CSS most of them. */
    static final int PAGE_CHARS = 32 * 1024;

    /** The page with an Open Graph image: the absolute URL of an image it shows, or null. */
    public String render(Page page, String ogImage) {
        StringWriter html = new StringWriter(PAGE_CHARS);
        evaluate(page, ogImage, html);
        return html.toString();
    }

    /** As {@link #render(Page, String)}, as the UTF-8 bytes of the page's file: what a build writes. */
    byte[] bytes(Page page, String ogImage) {
        Utf8Writer html = new Utf8Writer(PAGE_CHARS);
        evaluate(page, ogImage, html);
        return html.toByteArray();
    }

    private void evaluate(Page page, String ogImage, Writer out) {
        Map<String, Object> variables = variables(page);
        variables.put("ogImage", ogImage);
        variables.put("messages", messages.of(page.language()));
        try {
            pebble.getTemplate("page.peb").evaluate(out, variables, fi.laituri.language.Language.locale(page.htmlLang()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page's fields, each a name and its accessor: {@link Class#getRecordComponents} makes them anew at every call,
     * and asking for them per page was 6 % of the render threads' CPU in a full build.
     */
    private static final List<Field> FIELDS = Arrays.stream(Page.class.getRecordComponents())
            .map(c -> new Field(c.getName(), c.getAccessor())).toList();

    private record Field(String name, Method accessor) {
    }

    /** The page's fields by name; null values stay, so the templates can test for them. */
    private static Map<String, Object> variables(Page page) {
        Map<String, Object> variables = new HashMap<>();
        for (Field field : FIELDS) {
            try {
                variables.put(field.name(), field.accessor().invoke(page));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + field.name() + " of a page", e);
            }
        }
        return variables;
    }
}
