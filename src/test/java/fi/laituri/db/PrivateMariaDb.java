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
 * A MariaDB server of the test's own: Debian's {@code mariadbd} on a loopback port, with its own data folder and
 * socket under the given folder, never the shared server. Root has no password over TCP from 127.0.0.1.
 * {@link #kill} is SIGKILL; {@link #close} stops it and deletes its folder.
 */
final class PrivateMariaDb implements AutoCloseable {

    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path dir;
    private final int port;
    private final List<String> options;
    private Process process;

    private PrivateMariaDb(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    static boolean installed() {
        return Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL);
    }

    /** A fresh system database in {@code template}, to be copied for each server (one install instead of several). */
    static void install(Path template) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(INSTALL.toString(), "--no-defaults", "--datadir=" + template,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--user=" + System.getProperty("user.name"))
                .redirectErrorStream(true).redirectOutput(template.resolveSibling("install.log").toFile()).start();
        if (!install.waitFor(2, TimeUnit.MINUTES) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed: " + Files.readString(template.resolveSibling("install.log")));
        }
    }

    /** Starts a server on a copy of {@code template} in {@code dir}, with the given extra server options. */
    static PrivateMariaDb start(Path template, Path dir, String... options) throws Exception {
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        Process copy = new ProcessBuilder("cp", "-a", template.toString(), data.toString()).inheritIO().start();
        if (copy.waitFor() != 0) {
            throw new IOException("could not copy " + template);
        }
        Files.writeString(dir.resolve("init.sql"), "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PrivateMariaDb db = new PrivateMariaDb(dir, port, List.of(options));
        db.startProcess();
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
                    throw new IOException("mariadbd did not start: " + Files.readString(dir.resolve("mariadbd.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    int port() {
        return port;
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "root", "");
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first row of a query, column name to value; empty when there is none. */
    Map<String, String> row(String query) throws SQLException {
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

    /** SIGKILL, as a crash or a power cut would: nothing is flushed that was not already. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        FileTrees.delete(dir);
    }
}
