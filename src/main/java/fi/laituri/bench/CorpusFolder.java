package fi.laituri.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A {@link SyntheticCorpus} as files: Laituri's content folder ({@code <section>/<key>/<lang>.md}, every version
 * published, and the bylines' authors), which {@code laituri import} reads, and the same pages as a multilingual
 * Hugo site with templates of the same shape (page, section and tag listings, feeds, sitemap), for timing Hugo.
 */
final class CorpusFolder {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Map<String, String> SECTIONS = Map.of("article", "articles", "blog_post", "blog", "page", "pages");

    private CorpusFolder() {
    }

    /** Writes the authors of the bylines into the content folder {@code dir}. */
    static void writeAuthors(Path dir) throws IOException {
        for (SyntheticCorpus.Author author : SyntheticCorpus.AUTHORS) {
            write(dir.resolve("authors").resolve(author.id() + ".yml"),
                    "name: " + author.name() + "\ntitle: asiantuntija\norganisation: Laituri\n");
        }
    }

    /** Writes the language versions of {@code d} into the content folder {@code dir}, published. */
    static void writeContent(Path dir, SyntheticCorpus.Document d) throws IOException {
        Path folder = dir.resolve(SECTIONS.get(d.kind())).resolve(d.key());
        for (SyntheticCorpus.Version v : d.versions()) {
            StringBuilder s = new StringBuilder("---\n");
            s.append("title: ").append(v.title()).append('\n');
            s.append("slug: ").append(d.key()).append('\n');
            s.append("summary: ").append(v.summary()).append('\n');
            s.append("date: ").append(DATE.format(v.date())).append('\n');
            list(s, "tags", v.tags());
            list(s, "authors", v.authors().stream().map(SyntheticCorpus.Author::id).toList());
            s.append("status: published\n---\n").append(v.body());
            write(folder.resolve(v.language() + ".md"), s.toString());
        }
    }

    /**
     * Writes the configuration and templates of a Hugo site into {@code dir}: a content directory per language,
     * pages at {@code /<lang>/<slug>/}, the bylines as a taxonomy, ten entries a listing page, as Laituri's site has.
     */
    static void writeHugoSite(Path dir) throws IOException {
        StringBuilder config = new StringBuilder("""
                baseURL = "http://localhost:8080/"
                title = "Laituri"
                defaultContentLanguage = "fi"
                defaultContentLanguageInSubdir = true
                paginate = 10
                disableKinds = []
                [permalinks]
                  articles = "/:slug/"
                  blog = "/:slug/"
                  pages = "/:slug/"
                [taxonomies]
                  tag = "tags"
                  author = "authors"
                [languages]
                """);
        int weight = 1;
        for (String language : SyntheticCorpus.LANGUAGES) {
            config.append("  [languages.").append(language).append("]\n    languageCode = \"")
                    .append(language.equals("selko") ? "fi" : language).append("\"\n    contentDir = \"content/")
                    .append(language).append("\"\n    weight = ").append(weight++).append('\n');
        }
        write(dir.resolve("config.toml"), config.toString());
        write(dir.resolve("layouts/_default/baseof.html"), """
                <!DOCTYPE html>
                <html lang="{{ .Language.Lang }}">
                <head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
                <link rel="canonical" href="{{ .Permalink }}">
                {{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
                </head>
                <body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
                <nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
                <nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.Lang }}</a> {{ end }}</nav>
                </header><main>{{ block "main" . }}{{ end }}</main>
                <footer><form action="/search"><input name="q"></form></footer></body></html>
                """);
        write(dir.resolve("layouts/_default/single.html"), """
                {{ define "main" }}<article><h1>{{ .Title }}</h1>
                <p>{{ .Summary }}</p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2.1.2006" }}</time>
                {{ with .Params.authors }}<p>{{ delimit . ", " }}</p>{{ end }}
                {{ .Content }}
                <ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relLangURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
                </article>{{ end }}
                """);
        write(dir.resolve("layouts/_default/list.html"), """
                {{ define "main" }}<h1>{{ .Title }}</h1>
                {{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
                <time>{{ .Date.Format "2.1.2006" }}</time><p>{{ .Params.summary }}</p></article>{{ end }}
                {{ template "_internal/pagination.html" . }}{{ end }}
                """);
        write(dir.resolve("layouts/_default/terms.html"), """
                {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}
                <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
                """);
    }

    /** Writes {@code d} into the Hugo site {@code dir}, its links as site paths. */
    static void writeHugo(Path dir, SyntheticCorpus.Document d) throws IOException {
        for (SyntheticCorpus.Version v : d.versions()) {
            StringBuilder s = new StringBuilder("---\n");
            s.append("title: \"").append(v.title()).append("\"\n");
            s.append("slug: ").append(d.key()).append('\n');
            s.append("summary: \"").append(v.summary()).append("\"\n");
            s.append("date: ").append(DATE.format(v.date())).append('\n');
            s.append("translationKey: ").append(d.key()).append('\n');
            list(s, "tags", v.tags());
            list(s, "authors", v.authors().stream().map(SyntheticCorpus.Author::name).toList());
            s.append("---\n").append(v.body().replaceAll("\\(doc:([a-z0-9-]+)\\)",
                    "(/" + v.language() + "/$1/)"));
            write(dir.resolve("content").resolve(v.language()).resolve(SECTIONS.get(d.kind()))
                    .resolve(d.key() + ".md"), s.toString());
        }
    }

    private static void list(StringBuilder s, String key, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        s.append(key).append(":\n");
        values.forEach(value -> s.append("  - ").append(value).append('\n'));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
