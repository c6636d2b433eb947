package fi.laituri.security;

import fi.laituri.web.ETags;
import fi.laituri.DomainException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creates users and issues their API tokens; looks a token up by its hash. */
@Singleton
public class Users {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final ApiTokenRepository tokens;

    Users(UserRepository users, ApiTokenRepository tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** A user as the rest of the application sees one. */
    public record Account(long id, String name, Role role, List<String> languages, long version) {
    }

    /** A newly issued token: shown to its owner once, then only its hash exists. */
    public record IssuedToken(Account account, String token) {
    }

    @Transactional
    public IssuedToken add(String name, Role role) {
        return add(name, role, List.of());
    }

    /** Creates a user; {@code languages} are those a translator may work in. */
    @Transactional
    public IssuedToken add(String name, Role role, List<String> languages) {
        User user = users.save(new User(null, checkedNewName(name), role.code(), List.copyOf(languages), null, null));
        return new IssuedToken(toAccount(user), issueToken(user.id()));
    }

    /**
     * Changes a user's role and languages if it is still at {@code expectedVersion} (an If-Match value, null
     * when none was sent): 428 without one, 412 when another change came first, even at the same moment (the
     * update names the version it read). One statement writes, so it needs no transaction of its own.
     */
    public Account change(String name, Long expectedVersion, Role role, List<String> languages) {
        User user = user(name);
        ETags.check(expectedVersion, user.version());
        try {
            return toAccount(users.update(user.with(role.code(), List.copyOf(languages))));
        } catch (OptimisticLockException e) {
            throw DomainException.preconditionFailed(user(name).version());
        }
    }

    @Transactional
    public void remove(String name) {
        users.delete(user(name));
    }

    /** Makes every token of the user invalid, e.g. when one leaked. */
    @Transactional
    public int revokeTokens(String name) {
        return tokens.deleteByUserId(user(name).id());
    }

    @Transactional
    public Optional<Account> find(String name) {
        return users.findByName(name).map(Users::toAccount);
    }

    private String checkedNewName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("name", "a user name is 1-100 letters, digits or . _ @ -");
        }
        if (users.findByName(name).isPresent()) {
            throw DomainException.conflict("user-exists", "a user named " + name + " exists already");
        }
        return name;
    }

    private User user(String name) {
        return users.findByName(name).orElseThrow(() -> DomainException.notFound("no user named " + name));
    }

    /** Creates a user whose token the operator chose. */
    @Transactional
    public Account addWithToken(String name, Role role, String token) {
        User user = users.save(new User(null, checkedNewName(name), role.code(), List.of(), null, null));
        tokens.save(new ApiToken(null, user.id(), hash(token), null));
        return toAccount(user);
    }

    /** Adds a token for an existing user, for example when the old one was lost. */
    @Transactional
    public IssuedToken newToken(String name) {
        User user = user(name);
        return new IssuedToken(toAccount(user), issueToken(user.id()));
    }

    /** Registers a token chosen by the operator (LAITURI_ADMIN_TOKEN) for an existing user. */
    @Transactional
    public void addToken(String name, String token) {
        User user = user(name);
        if (tokens.findByTokenHash(hash(token)).isEmpty()) {
            tokens.save(new ApiToken(null, user.id(), hash(token), null));
        }
    }

    @Transactional
    public List<Account> list() {
        return users.listOrderByName().stream().map(Users::toAccount).toList();
    }

    @Transactional
    public boolean none() {
        return users.count() == 0;
    }

    @Transactional
    public Optional<Account> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return tokens.findByTokenHash(hash(token))
                .flatMap(t -> users.findById(t.userId()))
                .map(Users::toAccount);
    }

    private String issueToken(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "lt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new ApiToken(null, userId, hash(token), null));
        return token;
    }

    private static Account toAccount(User u) {
        return new Account(u.id(), u.name(), Role.parse(u.role()).orElseThrow(), u.languages(), u.version());
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
