package fi.laituri;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server process of a test's own (Debian's {@code mariadbd}, on a free loopback port, data in a
 * temporary folder), for tests that stop the database under a running service: never the shared server.
 * It runs without grant tables (anyone on loopback is root), which is all a throwaway test server needs.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private PrivateMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Initialises a data folder and starts the server on it. */
    public static PrivateMariaDb start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("laituri-private-mariadb-");
        PrivateMariaDb db = new PrivateMariaDb(dir, freePort());
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
                "--skip-test-db").redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(3, TimeUnit.MINUTES) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        db.startServer();
        return db;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?createDatabaseIfNotExist=true";
    }

    /** Starts the server on the existing data folder and waits until it takes connections. */
    public void startServer() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--user=" + System.getProperty("user.name"),
                "--skip-grant-tables", "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M", "--performance-schema=OFF"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd ended: " + Files.readString(dir.resolve("server.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mariadbd did not listen on " + port + " within 2 minutes");
    }

    /** Kills the server as a crash would (SIGKILL), and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        }
        FileTrees.delete(dir);
    }
}
