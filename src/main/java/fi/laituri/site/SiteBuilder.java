package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.content.ContentService;
import fi.laituri.content.PublicContent;
import fi.laituri.language.Languages;
import fi.laituri.search.SiteIndexing;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the static site from what is live: snapshot → render (one {@link SiteRenderer} per kind
 * of output) → write and swap atomically. Output depends on content alone (no build times, stable
 * order), so the same content gives the same bytes.
 */
@Singleton
public class SiteBuilder {

    private final PublicContent publicContent;
    private final ContentService content;
    private final Languages languages;
    private final List<SiteRenderer> renderers;
    private final SiteWriter writer;
    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;
    private final String baseUrl;
    private final SiteIndexing search;

    SiteBuilder(PublicContent publicContent, ContentService content, Languages languages, List<SiteRenderer> renderers,
                SiteWriter writer, TransactionOperations<Connection> tx, JdbcOperations jdbc,
                @Value("${laituri.site.base-url}") String baseUrl, SiteIndexing search) {
        this.publicContent = publicContent;
        this.content = content;
        this.languages = languages;
        this.renderers = renderers.stream().sorted(Comparator.comparing(r -> r.getClass().getName())).toList();
        this.writer = writer;
        this.tx = tx;
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
        this.search = search;
    }

    /**
     * Builds and publishes the site. Only one build runs at a time across every instance on the
     * database (a MariaDB named lock held by this build's connection); a second one waits.
     */
    public BuildReport build(Path root) {
        return build(root, false);
    }

    /**
     * Builds the site; with {@code strict}, a build that has warnings is not published and the live
     * site stays as it was ({@link BuildReport#live()} is then null).
     */
    public BuildReport build(Path root, boolean strict) {
        return tx.executeWrite(s -> {
            lock("SELECT GET_LOCK('laituri_site_build', 600)");
            try {
                long start = System.nanoTime();
                List<String> warnings = new ArrayList<>();
                SiteModel site = snapshot();
                List<OutputFile> files = render(site, warnings);
                Path live = strict && !warnings.isEmpty() ? null : writer.publish(root, files);
                if (live != null) {
                    search.replaceAll(root, site);
                }
                return new BuildReport(files.size(), live, List.copyOf(warnings), (System.nanoTime() - start) / 1_000_000);
            } finally {
                lock("SELECT RELEASE_LOCK('laituri_site_build')");
            }
        });
    }

    private void lock(String sql) {
        Integer got = jdbc.prepareStatement(sql, ps -> {
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        if (sql.contains("GET_LOCK") && got != 1) {
            throw new IllegalStateException("another site build has held the build lock for 10 minutes");
        }
    }

    private SiteModel snapshot() {
        return new SiteModel(languages.all(), languages.defaultLanguage(), publicContent.allLive(),
                content.listAuthors().stream().collect(Collectors.toMap(Api.AuthorView::id, Function.identity())),
                baseUrl);
    }

    private List<OutputFile> render(SiteModel site, List<String> warnings) {
        List<OutputFile> files = new ArrayList<>();
        for (SiteRenderer renderer : renderers) {
            files.addAll(renderer.render(site, warnings));
        }
        files.sort(Comparator.comparing(OutputFile::path));
        return files;
    }
}
