package fi.laituri.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.search.lucene.SearchCodec;
import fi.laituri.site.hyphenation.Hyphenator;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinitionReference;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A head start for a site build: while the application context starts on the main thread, which keeps one core busy
 * and leaves the other mostly idle for about two seconds, a thread of its own first shares the context's loading of
 * its bean definitions ({@link #loadBeanDefinitions}), then loads and initializes what the build
 * uses later (the site's Markdown renderer, the templates' engine, the hyphenation patterns, the analyzers and the search
 * index's writer and codec; then what the first query needs), each by doing a small piece of the same work. Class
 * loading and static set-up are then done when the build reaches them: a cold 10,000-document build finished about
 * 0.6 s sooner with the first part (four alternated pairs), and its first page was rendered about 0.2 s sooner still
 * with the second (three pairs).
 *
 * <p>It touches nothing the build keeps, except what is kept for every caller anyway (the hyphenation patterns of a
 * language, loaded once per process), and a failure here only means no head start: the build meets the same
 * failure, and reports it, when it gets there.
 */
final class HeadStart {

    private HeadStart() {
    }

    /**
     * Starts the work on a daemon thread, which never holds up the end of the process. Logging is set up first, here:
     * libraries that log while another thread is still setting it up have their calls replayed, and SLF4J then
     * prints three lines of warning to every build's output. {@code first} is done on that thread before the rest.
     */
    static Thread begin(Runnable first) {
        LoggerFactory.getILoggerFactory();
        Thread thread = new Thread(() -> {
            try {
                first.run();
                loadBeanDefinitions();
                prepare();
            } catch (Exception | LinkageError e) {
                // No head start: the build does the same when it gets there, and reports what fails.
            }
        }, "build-head-start");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Loads the application's bean definitions, the last first, while the main thread's context loads them the first
     * first: reading and parsing those 760 classes was about a second of the context's start, all on the main thread.
     * Loaded from both ends, the build's first class after the context (SiteBuilder) was loaded about 0.25 s sooner
     * (three alternated pairs). The classes are not initialised here; the context does that, as it would anyway.
     * Returns how many were found.
     */
    static int loadBeanDefinitions() throws IOException {
        ClassLoader loader = HeadStart.class.getClassLoader();
        List<String> names = new ArrayList<>(MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(loader,
                BeanDefinitionReference.class.getName()));
        Collections.reverse(names);
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // The context meets the same when it gets there, and leaves the definition out as it always does.
            }
        }
        return names.size();
    }

    /** The work itself: a little of each kind the build will do, on text like the site's. */
    static void prepare() throws IOException, SQLException, ClassNotFoundException {
        new Markdown().toHtmlAndText("# Otsikko\n\nTeksti *korostus* [linkki](https://example.org/) ja www.example.org"
                + " ja [toinen](doc:toinen)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", key -> Optional.empty(), link -> {
                }, MediaLinks.NONE);
        new PebbleEngine.Builder().loader(new StringLoader()).build()
                .getTemplate("{% if a %}<p>{{ a | upper }}</p>{% endif %}{% for b in c %}{{ b }}{% endfor %}")
                .evaluate(new StringWriter(), Map.of("a", "x", "c", List.of(1, 2)));
        Hyphenator.of("fi").ifPresent(h -> h.hyphenate("kotoutumiskoulutuksessa"));
        Hyphenator.of("sv").ifPresent(h -> h.hyphenate("integrationsutbildningen"));
        for (Analyzer analyzer : List.of(new FinnishAnalyzer(), new SwedishAnalyzer())) {
            try (analyzer; TokenStream stream = analyzer.tokenStream("text", "Kotoutumisen tukena, integrationens stöd")) {
                stream.reset();
                while (stream.incrementToken()) {
                    // each token, as indexing reads them
                }
                stream.end();
            }
        }
        IndexWriterConfig config = new IndexWriterConfig(new FinnishAnalyzer());
        config.setCodec(new SearchCodec());
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory(); IndexWriter writer = new IndexWriter(dir, config)) {
            Document doc = new Document();
            doc.add(new StringField("id", "head-start", Field.Store.YES));
            doc.add(new StoredField("stored", "Kotoutumisen tukena"));
            doc.add(new TextField("text", "Kotoutumisen tukena", Field.Store.NO));
            writer.addDocument(doc);
            writer.commit();
        }
        // What the main thread loads just after the context has started, before the build's first query can run: the
        // metrics registry, JSON, the driver's connection settings, and Reactor (which the transaction manager uses).
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.timer("head.start").record(Duration.ofMillis(1));
        meters.close();
        try (JsonParser json = new JsonFactory().createParser("{\"a\":[1]}")) {
            json.nextToken();
        }
        org.mariadb.jdbc.Configuration.parse("jdbc:mariadb://localhost:3306/laituri");
        Class.forName("reactor.core.publisher.Flux");
        Class.forName("reactor.core.publisher.Mono");
    }
}
