package fi.laituri.participation;

import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.site.Page;
import fi.laituri.site.SiteMessages;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.transaction.annotation.Transactional;
import io.pebbletemplates.pebble.PebbleEngine;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages the service shows readers, in their language and in the site's layout, with links that lead back to
 * the site (absolute, as the site may be served from another host).
 */
@Singleton
class ReaderPages {

    /** A page of a form needs no script and posts only to this service. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final PebbleEngine pebble;
    private final SiteMessages messages;
    private final Languages languages;
    private final JdbcOperations jdbc;
    private final String baseUrl;

    ReaderPages(PebbleEngine pebble, SiteMessages messages, Languages languages, JdbcOperations jdbc,
                @Value("${laituri.site.base-url}") String baseUrl) {
        this.pebble = pebble;
        this.messages = messages;
        this.languages = languages;
        this.jdbc = jdbc;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The reader's language: the form's, when the site has it, else the site's default. */
    Language language(String code) {
        return languages.find(code == null ? "" : code.strip()).orElse(languages.defaultLanguage());
    }

    Map<String, String> messages(Language language) {
        return messages.of(language.code());
    }

    MutableHttpResponse<String> render(HttpStatus status, String template, Language language, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("htmlLang", language.htmlLang());
        variables.put("language", language.code());
        variables.put("preview", false);
        variables.put("messages", messages(language));
        variables.put("frame", frame(language));
        StringWriter out = new StringWriter();
        try {
            pebble.getTemplate(template).evaluate(out, variables, Locale.forLanguageTag(language.htmlLang()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).body(out.toString())
                .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff");
    }

    /** The layout's frame: the site's homes, the footer's privacy notice; no canonical URL (nothing to index). */
    private Page.Frame frame(Language current) {
        List<Page.LanguageLink> switcher = languages.all().stream()
                .map(l -> new Page.LanguageLink(l.name(), l.htmlLang(), home(l), l.equals(current))).toList();
        return new Page.Frame(null, home(current), List.of(), switcher, null, null, null, privacy(current), null, true);
    }

    String home(Language language) {
        return baseUrl + "/" + language.prefix() + "/";
    }

    /**
     * The privacy notice in the language, else the default language's, as the site's footer finds it: the
     * document {@code privacy-notice}'s live version. (The site build has its model; a request has only this.)
     */
    @Transactional(readOnly = true)
    String privacy(Language language) {
        Map<String, String> slugs = jdbc.prepareStatement("SELECT v.language, r.slug FROM document d "
                + "JOIN variant v ON v.document_id = d.id JOIN revision r ON r.variant_id = v.id AND r.number = v.live_revision "
                + "WHERE d.translation_key = 'privacy-notice'", ps -> {
            Map<String, String> found = new HashMap<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
            return found;
        });
        if (slugs.containsKey(language.code())) {
            return home(language) + slugs.get(language.code()) + "/";
        }
        Language fallback = languages.defaultLanguage();
        return slugs.containsKey(fallback.code()) ? home(fallback) + slugs.get(fallback.code()) + "/" : null;
    }
}
