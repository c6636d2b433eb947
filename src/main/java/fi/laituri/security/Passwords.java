package fi.laituri.security;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Desk passwords: set by an admin (or {@code laituri user password}), changed by their owner, checked at sign-in.
 * Only a BCrypt hash (cost 12) is kept. BCrypt reads at most 72 bytes, so a longer password is refused rather than
 * silently cut. A check for an unknown user costs as much as one for a known user, so the time taken says nothing.
 */
@Singleton
public class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(12);
    /** Compared against when the user is unknown or has no password, so that the answer takes as long. */
    private final String decoy = encoder.encode("laituri-decoy-password");
    private final UserPasswordRepository passwords;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    Passwords(UserPasswordRepository passwords, UserRepository users, AuditLog audit, Clock clock) {
        this.passwords = passwords;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sets the user's password (an admin, or the command line); the audit log says who, never the password. */
    @Transactional
    public void set(String name, String password, String actor) {
        User user = users.findByName(name).orElseThrow(() -> DomainException.notFound("no user named " + name));
        checkStrength(password);
        UserPassword row = new UserPassword(user.id(), encoder.encode(password), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (passwords.existsById(user.id())) {
            passwords.update(row);
        } else {
            passwords.save(row);
        }
        audit.record(new AuditLog.Event(actor, "password.set", null, null, null, null, null, null, name));
    }

    /** The owner changes their own password, proving it with the current one. */
    @Transactional
    public void change(String name, String current, String replacement) {
        if (check(name, current).isEmpty()) {
            throw DomainException.invalid("current", "the current password is not right");
        }
        set(name, replacement, name);
    }

    /** The user, when the password is theirs. */
    @Transactional
    public Optional<Users.Account> check(String name, String password) {
        Optional<User> user = name == null || name.length() > 100 ? Optional.empty() : users.findByName(name);
        Optional<UserPassword> stored = user.flatMap(u -> passwords.findById(u.id()));
        boolean matches = encoder.matches(bounded(password), stored.map(UserPassword::hash).orElse(decoy));
        return matches && stored.isPresent() ? user.map(u -> new Users.Account(u.id(), u.name(),
                Role.parse(u.role()).orElseThrow(), u.languages(), u.version())) : Optional.empty();
    }

    @Transactional
    public boolean hasPassword(String name) {
        return users.findByName(name).map(u -> passwords.existsById(u.id())).orElse(false);
    }

    /** A new random password (16 characters, 96 bits), for a user who has none yet: the demo's admin, the CLI's --generate. */
    public static String generate() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String bounded(String password) {
        return password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES ? "" : password;
    }

    /** @throws DomainException 400 naming what is wrong with the password */
    public static void checkStrength(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw DomainException.invalid("password", "a password is at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalid("password", "a password is at most " + MAX_BYTES + " bytes (about "
                    + MAX_BYTES + " letters without accents)");
        }
        if (password.isBlank()) {
            throw DomainException.invalid("password", "a password cannot be only spaces");
        }
    }
}
