package fi.laituri.site;

import fi.laituri.language.Language;
import io.pebbletemplates.pebble.PebbleEngine;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Evaluates a site template in a language, with that language's messages, into an output file. */
@Singleton
class Templates {

    private final PebbleEngine pebble;
    private final SiteMessages messages;

    Templates(PebbleEngine pebble, SiteMessages messages) {
        this.pebble = pebble;
        this.messages = messages;
    }

    /** A file made from a template and its model: the model is all it depends on, besides the templates themselves. */
    PlannedFile plan(String path, String template, Language language, Map<String, Object> model) {
        return PlannedFile.of(path, Fingerprint.of(template, language.code(), model),
                () -> file(path, template, language, model).bytes());
    }

    /**
     * A file whose model is costly to make: {@code fingerprint} names its inputs, and the model is made only
     * when the file has to be rendered.
     */
    PlannedFile plan(String path, String template, Language language, String fingerprint,
                     java.util.function.Supplier<Map<String, Object>> model) {
        return planned(path, template, language, fingerprint(template, language, fingerprint), model);
    }

    /** The fingerprint of a file made from {@code template} in {@code language}, from that of its other inputs. */
    static String fingerprint(String template, Language language, String inputs) {
        return Fingerprint.of(template, language.code(), inputs);
    }

    /** As {@link #plan(String, String, Language, String, java.util.function.Supplier)}, its {@link #fingerprint} made already. */
    PlannedFile planned(String path, String template, Language language, String fingerprint,
                        java.util.function.Supplier<Map<String, Object>> model) {
        return PlannedFile.of(path, fingerprint, () -> file(path, template, language, model.get()).bytes());
    }

    OutputFile file(String path, String template, Language language, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.putIfAbsent("htmlLang", language.htmlLang());
        variables.putIfAbsent("language", language.code());
        variables.putIfAbsent("preview", false);
        variables.put("messages", messages.of(language.code()));
        Utf8Writer out = new Utf8Writer(PageRenderer.PAGE_CHARS);
        try {
            pebble.getTemplate(template).evaluate(out, variables, language.locale());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OutputFile(path.startsWith("/") ? path.substring(1) : path, out.toByteArray());
    }
}
