package fi.laituri.security;

import jakarta.inject.Singleton;

import java.util.Optional;

/** Makes sure someone can log in: the first start creates an admin. */
@Singleton
public class AdminBootstrap {

    static final String ADMIN = "admin";
    private static final int MIN_TOKEN_LENGTH = 16;

    private final Users users;
    private final Passwords passwords;

    AdminBootstrap(Users users, Passwords passwords) {
        this.passwords = passwords;
        this.users = users;
    }

    /**
     * With no users yet, creates the admin. Its token is {@code presetToken} when given (nothing to
     * show then), else a new random one, returned so it can be printed once. Of several instances starting at once
     * on a new database, one makes the admin and the others go on without.
     */
    public Optional<String> onFirstStart(Optional<String> presetToken) {
        if (!users.none()) {
            return Optional.empty();
        }
        try {
            if (presetToken.isPresent()) {
                users.addWithToken(ADMIN, Role.ADMIN, validPreset(presetToken.get()));
                return Optional.empty();
            }
            return Optional.of(users.add(ADMIN, Role.ADMIN).token());
        } catch (RuntimeException e) {
            // Instances started together on a new database: one of them made the admin (its name is unique) first.
            if (!users.none()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * For the demo: a token for the admin that the caller can print. The preset token when given,
     * else a newly issued one (earlier tokens stay valid).
     */
    public String demoToken(Optional<String> presetToken) {
        Optional<String> first = onFirstStart(presetToken);
        if (first.isPresent()) {
            return first.get();
        }
        if (presetToken.isPresent()) {
            users.addToken(ADMIN, validPreset(presetToken.get()));
            return presetToken.get();
        }
        return users.newToken(ADMIN).token();
    }

    /**
     * For the demo: a desk password for the admin, when it has none yet (printed once; the admin changes it under
     * Account, or {@code laituri user password} sets another). Empty when the admin already has one.
     */
    public Optional<String> demoPassword() {
        if (users.find(ADMIN).isEmpty() || passwords.hasPassword(ADMIN)) {
            return Optional.empty();
        }
        String password = Passwords.generate();
        passwords.set(ADMIN, password, Users.SYSTEM);
        return Optional.of(password);
    }

    private static String validPreset(String token) {
        if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("LAITURI_ADMIN_TOKEN must be at least " + MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return token;
    }
}
