package fi.laituri;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Base of the application tests: each test class gets a fresh database and its own context, and the database is
 * dropped once the class is done. (Extensions on this class are registered before {@code @MicronautTest} on a
 * subclass, so the drop runs after the test context, and with it every job that used the database, has closed.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseTest.DropDatabases.class)
public abstract class DatabaseTest implements TestPropertyProvider {

    private final List<String> databases = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.freshDatabase().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        databases.add(TestDatabase.nameIn(properties.get("datasources.default.url")));
        // A free port of its own, so test runs do not collide with each other or with a running Laituri.
        properties.put("micronaut.server.port", "-1");
        // Uploaded files go to a folder of the test class's own, never ./data.
        properties.put("laituri.media.directory", mediaDirectory());
        properties.putAll(extraProperties());
        return properties;
    }

    private static String mediaDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("laituri-test-media").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Properties a test class adds or overrides. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** Drops the test class's databases after its context has closed. */
    static final class DropDatabases implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            context.getTestInstance().filter(DatabaseTest.class::isInstance).map(DatabaseTest.class::cast)
                    .ifPresent(test -> test.databases.forEach(TestDatabase::drop));
        }
    }
}
