package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.content.ContentService;
import fi.laituri.content.PublicContent;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.markdown.Markdown;
import io.pebbletemplates.pebble.PebbleEngine;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the static site from what is live, in stages: snapshot the live revisions → render a file
 * per output (content pages, language homes, the root page) → write and swap atomically. Output
 * depends on content alone (no build times, stable order), so the same content gives the same bytes.
 */
@Singleton
public class SiteBuilder {

    private final PublicContent publicContent;
    private final ContentService content;
    private final Languages languages;
    private final Markdown markdown;
    private final PageRenderer pages;
    private final PebbleEngine pebble;
    private final SiteMessages messages;
    private final SiteWriter writer;

    SiteBuilder(PublicContent publicContent, ContentService content, Languages languages, Markdown markdown,
                PageRenderer pages, PebbleEngine pebble, SiteMessages messages, SiteWriter writer) {
        this.publicContent = publicContent;
        this.content = content;
        this.languages = languages;
        this.markdown = markdown;
        this.pages = pages;
        this.pebble = pebble;
        this.messages = messages;
        this.writer = writer;
    }

    /** What is live, taken once at the start of a build. */
    record Snapshot(List<PublicContent.LiveVariant> variants, Map<String, Api.AuthorView> authors) {

        Map<String, PublicContent.LiveVariant> byKeyAndLanguage() {
            return variants.stream().collect(Collectors.toMap(v -> v.key() + "/" + v.language(), Function.identity()));
        }
    }

    public BuildReport build(Path root) {
        long start = System.nanoTime();
        Snapshot snapshot = snapshot();
        List<String> warnings = new ArrayList<>();
        List<OutputFile> files = render(snapshot, warnings);
        Path live = writer.publish(root, files);
        return new BuildReport(files.size(), live, List.copyOf(warnings), (System.nanoTime() - start) / 1_000_000);
    }

    /** Checks a build without writing it: the files it would make and its warnings. */
    public BuildReport check() {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<OutputFile> files = render(snapshot(), warnings);
        return new BuildReport(files.size(), null, List.copyOf(warnings), (System.nanoTime() - start) / 1_000_000);
    }

    private Snapshot snapshot() {
        Map<String, Api.AuthorView> authors = content.listAuthors().stream()
                .collect(Collectors.toMap(Api.AuthorView::id, Function.identity()));
        return new Snapshot(publicContent.allLive(), authors);
    }

    private List<OutputFile> render(Snapshot snapshot, List<String> warnings) {
        Map<String, PublicContent.LiveVariant> index = snapshot.byKeyAndLanguage();
        List<OutputFile> files = new ArrayList<>();
        for (PublicContent.LiveVariant v : snapshot.variants()) {
            Language language = languages.find(v.language()).orElse(null);
            if (language == null) {
                warnings.add(v.key() + " (" + v.language() + "): the language is no longer configured; not built");
                continue;
            }
            String body = markdown.toHtml(v.body(),
                    key -> Optional.ofNullable(index.get(key + "/" + v.language())).map(this::url),
                    link -> warnings.add(v.key() + " (" + v.language() + "), line " + link.line()
                            + ": the link to doc:" + link.key() + " names no published " + v.language() + " document"));
            List<Page.Byline> bylines = v.authors().stream().map(snapshot.authors()::get).filter(a -> a != null)
                    .map(a -> new Page.Byline(a.name(), a.title(), a.organisation())).toList();
            Page page = new Page(language.code(), language.htmlLang(), v.title(), v.summary(), body, bylines,
                    v.date() == null ? null : v.date().toLocalDate(), v.tags(), false);
            files.add(file(url(v) + "index.html", pages.render(page)));
        }
        for (Language language : languages.all()) {
            List<Map<String, Object>> items = snapshot.variants().stream()
                    .filter(v -> v.language().equals(language.code()))
                    .sorted(Comparator.comparing((PublicContent.LiveVariant v) -> v.date() == null ? "" : v.date().toString())
                            .reversed().thenComparing(PublicContent.LiveVariant::key))
                    .map(v -> Map.<String, Object>of("title", v.title(), "summary", v.summary(), "url", url(v)))
                    .toList();
            Map<String, Object> model = new HashMap<>();
            model.put("htmlLang", language.htmlLang());
            model.put("preview", false);
            model.put("items", items);
            model.put("messages", messages.of(language.code()));
            files.add(file("/" + language.prefix() + "/index.html", template("home.peb", model, language)));
        }
        Language home = languages.defaultLanguage();
        Map<String, Object> root = new HashMap<>();
        root.put("htmlLang", home.htmlLang());
        root.put("preview", false);
        root.put("home", "/" + home.prefix() + "/");
        root.put("languages", languages.all().stream()
                .map(l -> Map.<String, Object>of("name", l.name(), "htmlLang", l.htmlLang(), "url", "/" + l.prefix() + "/"))
                .toList());
        root.put("messages", messages.of(home.code()));
        files.add(file("/index.html", template("root.peb", root, home)));
        files.sort(Comparator.comparing(OutputFile::path));
        return files;
    }

    private String url(PublicContent.LiveVariant v) {
        return "/" + languages.find(v.language()).map(Language::prefix).orElse(v.language()) + "/" + v.slug() + "/";
    }

    private String template(String name, Map<String, Object> model, Language language) {
        StringWriter html = new StringWriter();
        try {
            pebble.getTemplate(name).evaluate(html, model, Locale.forLanguageTag(language.htmlLang()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return html.toString();
    }

    private static OutputFile file(String path, String html) {
        return new OutputFile(path.substring(1), html.getBytes(StandardCharsets.UTF_8));
    }
}
