package fi.laituri.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "search-server", mixinStandardHelpOptions = true,
        description = {"Serve /api/search, /api/search/suggest and /search read-only from a copied index, without a database.",
                "DIR is a search folder as the build writes it (<site>/search, with builds/ and the current link)",
                "or a plain index directory. A new index copied in and swapped into DIR/current is picked up at once."})
class SearchServerCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, description = "the search folder or index directory")
    Path index;

    @Option(names = "--port", description = "HTTP port (default: LAITURI_PORT or 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--templates", description = "a folder overriding the default theme's templates of the /search page (default: LAITURI_SITE_TEMPLATES or site-templates)")
    Path templates;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(index)) {
            System.err.println("laituri: no index at " + index.toAbsolutePath());
            return 2;
        }
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("laituri.search.index", index.toAbsolutePath().toString());
        if (port != null) {
            properties.put("micronaut.server.port", port);
        }
        if (templates != null) {
            properties.put("laituri.site.templates", templates.toString());
        }
        ApplicationContext context;
        try {
            context = SearchNode.start(properties);
        } catch (RuntimeException e) {
            System.err.println("laituri: could not start: " + e.getMessage());
            return 2;
        }
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            context.close();
            System.err.println("laituri: cannot listen for HTTP: " + e.getMessage() + " (choose another port with --port)");
            return 2;
        }
        System.out.println("Laituri search node serves " + server.getURL() + "/api/search from " + index.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "laituri-search-shutdown"));
        stopped.await();
        return 0;
    }
}
