package fi.laituri;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The tests leave no databases behind on a shared server. */
class TestDatabaseTest {

    /** Makes one test database, prints its name and exits, as a test JVM does at the end of a run. */
    public static final class MakeOne {
        public static void main(String[] args) {
            System.out.println(TestDatabase.newDatabase());
        }
    }

    @Test
    void aDatabaseMadeForATestIsDroppedWhenItsJvmExits() throws Exception {
        assumeTrue(TestDatabase.checksPasswords(), "the embedded test server's databases go with its data folder");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MakeOne.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(jvm.waitFor(2, TimeUnit.MINUTES));
        String name = new String(jvm.getInputStream().readAllBytes()).trim();

        assertEquals(0, jvm.exitValue());
        assertTrue(name.startsWith("laituri_test_"), name);
        assertFalse(exists(name), name + " is still on the server");
    }

    @Test
    void aDroppedDatabaseIsGone() throws SQLException {
        String name = TestDatabase.newDatabase();
        assertTrue(exists(name));

        TestDatabase.drop(name);

        assertFalse(exists(name));
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(""), TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE '" + database + "'")) {
            return rs.next();
        }
    }
}
