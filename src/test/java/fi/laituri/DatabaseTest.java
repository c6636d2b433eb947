package fi.laituri;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** Base of the application tests: each test class gets a fresh database and its own context. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.freshDatabase().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        // A free port of its own, so test runs do not collide with each other or with a running Laituri.
        properties.put("micronaut.server.port", "-1");
        properties.putAll(extraProperties());
        return properties;
    }

    /** Properties a test class adds or overrides. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }
}
