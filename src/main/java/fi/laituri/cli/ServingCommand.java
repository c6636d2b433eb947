package fi.laituri.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A command that serves HTTP until stopped. Its port is checked before anything starts, and the server listens
 * before anything is written, so a start that cannot serve leaves the database and the site as they were.
 * Without {@code LAITURI_SITE_BASE_URL} the site's absolute URLs (feeds, canonical, hreflang, sitemaps) name
 * {@code http://localhost:<port>}.
 */
abstract class ServingCommand extends AppCommand {

    private static final int DEFAULT_PORT = 8080;

    @Option(names = "--port", description = "HTTP port (default: LAITURI_PORT or 8080; 0 picks a free one)")
    Integer port;

    /** The port resolved and found free in {@link #beforeStart()}. */
    private int listenPort;

    @Override
    void beforeStart() {
        int wanted = port != null ? port : configuredPort();
        listenPort = wanted == 0 ? freePort() : wanted;
        // Bound and let go at once: a port taken now fails here, before the database is touched. One taken in the
        // moment between this and the server's own bind fails that bind, which also comes before any write.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listenPort));
        } catch (IOException e) {
            throw new Application.StartupFailure("cannot listen for HTTP on port " + listenPort + ": " + e.getMessage()
                    + " (choose another port with --port or LAITURI_PORT)");
        }
    }

    private int configuredPort() {
        String configured = env.get("LAITURI_PORT");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new Application.StartupFailure("LAITURI_PORT is not a port number: " + configured);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new Application.StartupFailure("cannot find a free port for HTTP: " + e.getMessage());
        }
    }

    /** Whether the site's base URL is the localhost default rather than one the operator set. */
    boolean baseUrlIsLocal() {
        String configured = env.get("LAITURI_SITE_BASE_URL");
        return configured == null || configured.isBlank();
    }

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("laituri.site.auto-build", true);
        properties.put("micronaut.server.port", listenPort);
        if (baseUrlIsLocal()) {
            properties.put("laituri.site.base-url", "http://localhost:" + listenPort);
        }
        return properties;
    }

    @Override
    final int run(Application app) throws Exception {
        String url;
        try {
            url = app.serve();
            startServing(app, url);
        } catch (Application.StartupFailure e) {
            throw e;
        } catch (Exception e) {
            throw new Application.StartupFailure("could not start: " + Application.explain(e));
        }
        app.awaitShutdown();
        return 0;
    }

    /** The command's own start-up once the server listens: what it writes, builds and prints. */
    abstract void startServing(Application app, String url) throws Exception;
}
