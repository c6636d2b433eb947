package fi.laituri.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grants table, as the README shows it, and the refusals it gives. */
class PolicyTest {

    /** A row of the README's permissions table: {@code | `read` | ✓ | ✓ | own languages | | what |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|");
    private static final List<Role> COLUMNS = List.of(Role.ADMIN, Role.EDITOR, Role.TRANSLATOR, Role.PUBLISHER);

    private final Policy policy = new Policy();

    @Test
    void theReadmeTableOfPermissionsIsThePolicy() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find() && Arrays.stream(Permission.values()).anyMatch(p -> code(p).equals(row.group(1)))) {
                StringBuilder roles = new StringBuilder();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    roles.append(row.group(i + 2).isBlank() ? "" : COLUMNS.get(i).code() + " ");
                }
                documented.put(row.group(1), roles.toString().strip());
            }
        }
        Map<String, String> granted = new TreeMap<>();
        for (Permission p : Permission.values()) {
            StringBuilder roles = new StringBuilder();
            COLUMNS.stream().filter(r -> policy.grants(r, p)).forEach(r -> roles.append(r.code()).append(' '));
            granted.put(code(p), roles.toString().strip());
        }

        assertEquals(granted, documented);
    }

    @Test
    void aTranslatorMayEditOnlyInTheirOwnLanguages() {
        Actor tiina = new Actor("tiina", Role.TRANSLATOR, Set.of("sv", "selko"));

        assertTrue(policy.allows(tiina, Permission.EDIT_VARIANT, "sv"));
        NotPermitted refused = assertThrows(NotPermitted.class, () -> policy.require(tiina, Permission.EDIT_VARIANT, "fi"));
        assertEquals("translator tiina works in selko, sv, not fi", refused.getMessage());
    }

    @Test
    void aRouteOpenToSeveralPermissionsAdmitsARoleWithAnyOfThem() {
        Actor pekka = new Actor("pekka", Role.PUBLISHER, Set.of());

        policy.requireAny(pekka, List.of(Permission.SUBMIT, Permission.REVIEW));
        NotPermitted refused = assertThrows(NotPermitted.class,
                () -> policy.requireAny(pekka, List.of(Permission.SUBMIT, Permission.WITHDRAW)));
        assertEquals("a publisher may not submit or withdraw", refused.getMessage());
        assertFalse(policy.grants(Role.PUBLISHER, Permission.SUBMIT));
    }

    private static String code(Permission p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
