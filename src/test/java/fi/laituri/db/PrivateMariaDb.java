package fi.laituri.db;

import fi.laituri.FileTrees;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own: Debian's {@code mariadbd --no-defaults} on a free loopback port, with its own
 * data folder and socket under its folder, never the shared server. Root has no password over TCP from 127.0.0.1.
 * <p>
 * {@link #kill} is SIGKILL, as a crash would be; {@link #restart} starts the server again on the same data folder
 * and port. {@link #close} stops it and deletes its folder; a JVM ending without {@code close} still kills it.
 * The one helper for every test that needs a server of its own (an outage under the service, replication).
 */
public final class PrivateMariaDb implements AutoCloseable {

    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path dir;
    private final int port;
    private final List<String> options;
    private final Thread killOnExit = new Thread(this::destroyNow, "private-mariadb-kill-on-exit");
    private Process process;

    private PrivateMariaDb(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    public static boolean installed() {
        return Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL);
    }

    /** A fresh system database in {@code datadir}: a server's own, or a template for several (one install instead of several). */
    public static void install(Path datadir) throws IOException, InterruptedException {
        Path log = datadir.resolveSibling("install.log");
        Process install = new ProcessBuilder(INSTALL.toString(), "--no-defaults", "--datadir=" + datadir,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--user=" + System.getProperty("user.name"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!install.waitFor(3, TimeUnit.MINUTES) || install.exitValue() != 0) {
            install.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("mariadb-install-db failed: " + Files.readString(log));
        }
    }

    /** A server on a freshly installed data folder in a temporary folder of its own, deleted by {@link #close}. */
    public static PrivateMariaDb start(String... options) throws Exception {
        Path dir = Files.createTempDirectory("laituri-private-mariadb-");
        try {
            install(dir.resolve("data"));
        } catch (Exception e) {
            FileTrees.delete(dir);
            throw e;
        }
        return startOn(dir, options);
    }

    /** Starts a server on a copy of {@code template} in {@code dir}, with the given extra server options. */
    public static PrivateMariaDb start(Path template, Path dir, String... options) throws Exception {
        Files.createDirectories(dir);
        Process copy = new ProcessBuilder("cp", "-a", template.toString(), dir.resolve("data").toString()).inheritIO().start();
        if (copy.waitFor() != 0) {
            FileTrees.delete(dir);
            throw new IOException("could not copy " + template);
        }
        return startOn(dir, options);
    }

    /** Starts a server on {@code dir/data}; on failure nothing is left running and {@code dir} is gone. */
    private static PrivateMariaDb startOn(Path dir, String... options) throws Exception {
        Files.writeString(dir.resolve("init.sql"), "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PrivateMariaDb db = new PrivateMariaDb(dir, port, List.of(options));
        Runtime.getRuntime().addShutdownHook(db.killOnExit);
        try {
            db.startProcess();
        } catch (Exception e) {
            try {
                db.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return db;
    }

    private void startProcess() throws Exception {
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-name-resolve", "--init-file=" + dir.resolve("init.sql"),
                "--user=" + System.getProperty("user.name"), "--innodb-buffer-pool-size=32M",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try (Connection c = connect("")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    destroyNow();
                    throw new IOException("mariadbd did not start: " + Files.readString(dir.resolve("mariadbd.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Starts the server again, after {@link #kill}, on the same data folder and port; waits until it takes connections. */
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mariadbd on port " + port + " is still running");
        }
        startProcess();
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of a database on this server (which {@link #execute} can create); user root, no password. */
    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "root", "");
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first row of a query, column name to value; empty when there is none. */
    public Map<String, String> row(String query) throws SQLException {
        Map<String, String> row = new LinkedHashMap<>();
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
            }
        }
        return row;
    }

    /** SIGKILL, as a crash or a power cut would: nothing is flushed that was not already. Returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mariadbd on port " + port + " outlived SIGKILL for 30 s");
        }
    }

    private void destroyNow() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            FileTrees.delete(dir);
        }
    }
}
