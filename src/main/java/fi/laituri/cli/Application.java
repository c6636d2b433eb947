package fi.laituri.cli;

import fi.laituri.db.DatabaseSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running Laituri: its database and its application context, closed together. */
public final class Application implements AutoCloseable {

    private final DatabaseSettings database;
    private volatile ApplicationContext context;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::onJvmStop, "laituri-shutdown");
    private volatile boolean stopsTheJvm;

    private Application(DatabaseSettings database) {
        this.database = database;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the database and the context; throws {@link StartupFailure} with one readable line. */
    public static Application start(Map<String, String> env, Map<String, Object> extraProperties) {
        DatabaseSettings database;
        try {
            database = DatabaseSettings.fromEnvironment(env);
        } catch (RuntimeException e) {
            throw new StartupFailure(e.getMessage());
        }
        // From here a stop of the JVM closes what has started, the embedded database included.
        Application app = new Application(database);
        try {
            Map<String, Object> properties = new LinkedHashMap<>(database.properties());
            // The data folder of the environment the command was given (tests and the benchmark give their own).
            properties.put("laituri.data-dir", DatabaseSettings.dataDir(env).toString());
            properties.putAll(extraProperties);
            app.context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .properties(properties)
                    .start();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw new StartupFailure(explain(e, database));
        }
    }

    private static String explain(Throwable e, DatabaseSettings database) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return "cannot use the database at " + database.describe() + ": " + firstLine(sql.getMessage());
            }
        }
        return "could not start: " + explain(e);
    }

    /** A failure in one line: what its first cause said. */
    static String explain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (root instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String property(String name) {
        return context.getRequiredProperty(name, String.class);
    }

    String databaseDescription() {
        return database.describe();
    }

    /** Starts the HTTP server and returns its base URL. */
    public String serve() {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new StartupFailure("cannot listen for HTTP: " + firstLine(String.valueOf(e.getMessage()))
                    + " (choose another port with --port or LAITURI_PORT)");
        }
        return "http://localhost:" + server.getPort() + "/";
    }

    /**
     * Blocks until the JVM is asked to stop (Ctrl+C, SIGTERM). The stop closes everything in order, in
     * {@link #close()}: the HTTP server, the jobs (a build or a delivery under way is finished), the
     * datasource, and last the embedded database; an orderly stop then exits with 0.
     */
    void awaitShutdown() throws InterruptedException {
        stopsTheJvm = true;
        closed.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (context != null && context.isRunning()) {
                stopTakingWork();
                context.close();
            }
        } finally {
            try {
                database.close();
            } finally {
                closed.countDown();
                if (Thread.currentThread() != shutdownHook) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdownHook);
                    } catch (IllegalStateException e) {
                        // The JVM is already stopping; the hook finds everything closed.
                    }
                }
            }
        }
    }

    /**
     * Before any bean goes (the datasource above all): the HTTP server stops taking requests, and the scheduled
     * jobs (publishing, webhook deliveries, the site's rebuilds) finish the run under way and start no other.
     */
    private void stopTakingWork() {
        // Only beans that exist: looking one up would make it, and a one-shot command would build an HTTP server (its
        // router, codecs and Netty) just to find it not running.
        // The server only: EmbeddedServer.stop() would stop the whole context too, closing the datasource under a job
        // that is still running.
        for (BeanRegistration<EmbeddedServer> registration : context.getActiveBeanRegistrations(EmbeddedServer.class)) {
            EmbeddedServer server = registration.bean();
            if (!server.isRunning()) {
                continue;
            }
            if (server instanceof NettyEmbeddedServer netty) {
                netty.stopServerOnly();
            } else {
                server.stop();
            }
        }
        for (BeanRegistration<?> registration : context.getActiveBeanRegistrations(Qualifiers.byName(TaskExecutors.SCHEDULED))) {
            if (registration.bean() instanceof ExecutorService jobs) {
                jobs.shutdown();
                try {
                    jobs.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Closes the application when the JVM stops; a close that takes too long is cut short rather than hang the stop. */
    private void onJvmStop() {
        Thread closer = new Thread(this::close, "laituri-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopsTheJvm) {
            // A serving command stopped as asked: that is success, not the signal's 128+n.
            Runtime.getRuntime().halt(0);
        }
    }

    /** Long enough for a site build under way to finish (AutoBuild waits up to a minute), short of systemd's 90 s. */
    private static final long CLOSE_TIMEOUT_MS = 80_000;

    /** A start-up failure that the user can act on, told in one line. */
    public static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }
}
