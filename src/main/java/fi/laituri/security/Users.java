package fi.laituri.security;

import fi.laituri.web.ProblemException;
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
    public record Account(long id, String name, Role role) {
    }

    /** A newly issued token: shown to its owner once, then only its hash exists. */
    public record IssuedToken(Account account, String token) {
    }

    @Transactional
    public IssuedToken add(String name, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name", "a user name is 1-100 letters, digits or . _ @ -");
        }
        if (users.findByName(name).isPresent()) {
            throw ProblemException.conflict("user-exists", "a user named " + name + " exists already");
        }
        User user = users.save(new User(null, name, role.code(), null));
        return new IssuedToken(toAccount(user), issueToken(user.id()));
    }

    /** Creates a user whose token the operator chose. */
    @Transactional
    public Account addWithToken(String name, Role role, String token) {
        if (users.findByName(name).isPresent()) {
            throw ProblemException.conflict("user-exists", "a user named " + name + " exists already");
        }
        User user = users.save(new User(null, name, role.code(), null));
        tokens.save(new ApiToken(null, user.id(), hash(token), null));
        return toAccount(user);
    }

    /** Adds a token for an existing user, for example when the old one was lost. */
    @Transactional
    public IssuedToken newToken(String name) {
        User user = users.findByName(name).orElseThrow(() -> ProblemException.notFound("no user named " + name));
        return new IssuedToken(toAccount(user), issueToken(user.id()));
    }

    /** Registers a token chosen by the operator (LAITURI_ADMIN_TOKEN) for an existing user. */
    @Transactional
    public void addToken(String name, String token) {
        User user = users.findByName(name).orElseThrow(() -> ProblemException.notFound("no user named " + name));
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
        return new Account(u.id(), u.name(), Role.parse(u.role()).orElseThrow());
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
