package fi.laituri.cli;

import fi.laituri.ApiTest;
import fi.laituri.TestDatabase;
import fi.laituri.security.Passwords;
import fi.laituri.security.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code laituri user password}: the command line sets a desk password with the database, no password needed. */
@MicronautTest(transactional = false)
class UserPasswordCommandTest extends ApiTest {

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Inject
    Passwords passwords;

    @Test
    void generateSetsAPasswordPrintedOnceThatSignsTheUserIn() {
        users.add("kaisa", Role.EDITOR, List.of());
        Map<String, String> env = TestDatabase.processEnvironment(TestDatabase.nameIn(databaseUrl));

        CommandLineTest.Run run = CommandLineTest.run(env, "user", "password", "--name", "kaisa", "--generate");

        assertEquals(0, run.exitCode(), run.err());
        Matcher printed = Pattern.compile("Password of kaisa \\(shown only now\\): (\\S+)").matcher(run.out());
        assertTrue(printed.find(), run.out());
        assertTrue(passwords.check("kaisa", printed.group(1)).isPresent());
        assertFalse(passwords.check("kaisa", printed.group(1) + "x").isPresent());
    }

    @Test
    void anUnknownUserIsAnErrorAndNothingIsSet() {
        Map<String, String> env = TestDatabase.processEnvironment(TestDatabase.nameIn(databaseUrl));

        CommandLineTest.Run run = CommandLineTest.run(env, "user", "password", "--name", "ei-ketaan", "--generate");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no user named ei-ketaan"), run.err());
    }
}
