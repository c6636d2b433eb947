package fi.laituri.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do; the workflow gives each role its rights. */
public enum Role {
    ADMIN, EDITOR, TRANSLATOR, PUBLISHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
