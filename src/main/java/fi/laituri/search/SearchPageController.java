package fi.laituri.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Public;
import fi.laituri.site.Page;
import fi.laituri.site.SiteMessages;
import fi.laituri.web.HtmlNegotiation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.pebbletemplates.pebble.PebbleEngine;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results page, {@code GET /search?q=&lang=}, rendered with the site's templates ({@code results.peb}), so
 * search works without JavaScript. A bad parameter gets the same 400 problem document as the API.
 */
@Hidden
@Controller("/search")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
class SearchPageController {

    private final SearchIndex index;
    private final SearchRequests requests;
    private final Timer searches;
    private final Languages languages;
    private final PebbleEngine pebble;
    private final SiteMessages messages;

    SearchPageController(SearchIndex index, SearchRequests requests, Languages languages, PebbleEngine pebble,
                         SiteMessages messages, MeterRegistry meters) {
        this.index = index;
        this.searches = meters.timer("laituri.search", "endpoint", "page");
        this.requests = requests;
        this.languages = languages;
        this.pebble = pebble;
        this.messages = messages;
    }

    @Get(produces = MediaType.ALL)
    HttpResponse<String> page(HttpRequest<?> http, @QueryValue @Nullable String q, @QueryValue @Nullable String lang,
                              @QueryValue @Nullable String kind, @QueryValue @Nullable String tag,
                              @QueryValue @Nullable String page) {
        HtmlNegotiation.requireHtml(http);
        SearchIndex.Request request = requests.parse(q, lang, kind, tag, page);
        Language language = languages.find(request.language()).orElseThrow();
        SearchIndex.SearchResult result = request.text().isEmpty() ? null : searches.record(() -> index.search(request));
        Map<String, Object> model = new HashMap<>();
        model.put("htmlLang", language.htmlLang());
        model.put("preview", false);
        model.put("messages", messages.of(language.code()));
        model.put("frame", frame(request.text(), language));
        model.put("query", request.text());
        model.put("language", language.code());
        model.put("result", result);
        // Each hit's date as a time, which the template formats in the page's language.
        model.put("hits", result == null ? List.of() : result.hits().stream().map(h -> {
            Map<String, Object> hit = new HashMap<>();
            hit.put("title", h.title());
            hit.put("url", h.url());
            hit.put("snippets", h.snippets());
            hit.put("date", h.date() == null ? null : java.time.OffsetDateTime.parse(h.date()));
            return hit;
        }).toList());
        model.put("others", result == null ? List.of() : result.otherLanguages().stream()
                .map(o -> Map.of("name", languages.find(o.language()).map(Language::name).orElse(o.language()),
                        "htmlLang", languages.find(o.language()).map(Language::htmlLang).orElse(o.language()),
                        "url", link(request.text(), o.language(), null, 1), "total", o.total()))
                .toList());
        model.put("didYouMeanUrl", result == null || result.didYouMean() == null ? null
                : link(result.didYouMean(), language.code(), null, 1));
        model.put("kindLinks", result == null ? List.of() : result.kinds().entrySet().stream()
                .map(e -> Map.of("kind", e.getKey(), "count", e.getValue(),
                        "url", link(request.text(), language.code(), e.getKey(), 1),
                        "current", e.getKey().equals(request.kind())))
                .toList());
        int pages = result == null ? 0 : (int) Math.min(100, (result.total() + SearchIndex.PAGE_SIZE - 1) / SearchIndex.PAGE_SIZE);
        model.put("previousUrl", request.page() > 1 ? link(request.text(), language.code(), request.kind(), request.page() - 1) : null);
        model.put("nextUrl", request.page() < pages ? link(request.text(), language.code(), request.kind(), request.page() + 1) : null);
        StringWriter out = new StringWriter();
        try {
            pebble.getTemplate("results.peb").evaluate(out, model, Locale.forLanguageTag(language.htmlLang()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.ok(out.toString()).contentType("text/html;charset=utf-8")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    /** The frame of the layout: no canonical URL, the language switcher keeps the query. */
    private Page.Frame frame(String text, Language current) {
        List<Page.LanguageLink> switcher = languages.all().stream()
                .map(l -> new Page.LanguageLink(l.name(), l.htmlLang(), link(text, l.code(), null, 1), l.equals(current)))
                .toList();
        return new Page.Frame(null, "/" + current.prefix() + "/", List.of(), switcher, null, null, null, null, null, true);
    }

    private static String link(String text, String language, @Nullable String kind, int page) {
        StringBuilder url = new StringBuilder("/search?q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8))
                .append("&lang=").append(URLEncoder.encode(language, StandardCharsets.UTF_8));
        if (kind != null) {
            url.append("&kind=").append(URLEncoder.encode(kind, StandardCharsets.UTF_8));
        }
        if (page > 1) {
            url.append("&page=").append(page);
        }
        return url.toString();
    }
}
