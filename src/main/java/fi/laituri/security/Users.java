package fi.laituri.security;

import fi.laituri.audit.AuditLog;
import fi.laituri.web.ETags;
import fi.laituri.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates users and issues their API tokens; looks a token up by its hash. Every change to a user, a role or a
 * token is written to the audit log in the change's transaction. The last admin can be neither demoted nor
 * removed: someone must be able to manage users.
 */
@Singleton
public class Users {

    /** Who acts when no signed-in user does: the command line, the first start. */
    public static final String SYSTEM = "laituri";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A token's last use is written at most this often, so reading the API does not write a row per request. */
    private static final Duration USE_PRECISION = Duration.ofMinutes(1);

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;

    Users(UserRepository users, ApiTokenRepository tokens, AuditLog audit, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** A user as the rest of the application sees one. */
    public record Account(long id, String name, Role role, List<String> languages, long version) {
    }

    /** A newly issued token: shown to its owner once, then only its hash exists. */
    public record IssuedToken(Account account, String token, long tokenId, @Nullable Instant expiresAt) {
    }

    /** A token as its owner's admin sees it: never the token itself. */
    public record TokenInfo(long id, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {
    }

    @Transactional
    public IssuedToken add(String name, Role role) {
        return add(name, role, List.of());
    }

    @Transactional
    public IssuedToken add(String name, Role role, List<String> languages) {
        return add(name, role, languages, SYSTEM);
    }

    /** Creates a user; {@code languages} are those a translator may work in. */
    @Transactional
    public IssuedToken add(String name, Role role, List<String> languages, String actor) {
        User user = users.save(new User(null, checkedNewName(name), role.code(), List.copyOf(languages), null, null));
        record(actor, "user.created", user.name() + ": " + describe(role, user.languages()));
        return issueToken(user, null, actor);
    }

    /**
     * Changes a user's role and languages if it is still at {@code expectedVersion} (an If-Match value, null
     * when none was sent): 428 without one, 412 when another change came first, even at the same moment (the
     * update names the version it read); 409 when it would leave no admin.
     */
    @Transactional
    public Account change(String name, Long expectedVersion, Role role, List<String> languages, String actor) {
        User user = user(name);
        ETags.check(expectedVersion, user.version());
        if (role != Role.ADMIN) {
            keepAnAdminBesides(user);
        }
        try {
            User changed = users.update(user.with(role.code(), List.copyOf(languages)));
            record(actor, "user.changed", name + ": " + describe(Role.parse(user.role()).orElseThrow(), user.languages())
                    + " → " + describe(role, changed.languages()));
            return toAccount(changed);
        } catch (OptimisticLockException e) {
            throw DomainException.preconditionFailed(user(name).version());
        }
    }

    @Transactional
    public void remove(String name, String actor) {
        User user = user(name);
        keepAnAdminBesides(user);
        users.delete(user);
        record(actor, "user.deleted", name + " (" + user.role() + ")");
    }

    /** @throws DomainException 409 when {@code user} is the only admin */
    private void keepAnAdminBesides(User user) {
        if (Role.ADMIN.code().equals(user.role())) {
            List<Long> admins = users.lockAdmins();
            if (admins.stream().noneMatch(id -> !id.equals(user.id()))) {
                throw DomainException.conflict("last-admin", user.name() + " is the last admin; make another user"
                        + " an admin first, so that someone can still manage users");
            }
        }
    }

    /** Makes every token of the user invalid, e.g. when one leaked. */
    @Transactional
    public int revokeTokens(String name, String actor) {
        int revoked = tokens.deleteByUserId(user(name).id());
        record(actor, "token.revoked", name + ": all " + revoked + " tokens");
        return revoked;
    }

    /** Makes one token of the user invalid: the last step of a rotation, once its clients use the new token. */
    @Transactional
    public void revokeToken(String name, long tokenId, String actor) {
        ApiToken token = tokens.findByIdAndUserId(tokenId, user(name).id())
                .orElseThrow(() -> DomainException.notFound(name + " has no token " + tokenId));
        tokens.delete(token);
        record(actor, "token.revoked", name + ": token " + tokenId);
    }

    /** The user's tokens, oldest first. */
    @Transactional
    public List<TokenInfo> tokens(String name) {
        return tokens.findByUserIdOrderById(user(name).id()).stream()
                .map(t -> new TokenInfo(t.id(), t.createdAt(), t.expiresAt(), t.lastUsedAt())).toList();
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
        record(SYSTEM, "user.created", user.name() + ": " + describe(role, user.languages()));
        ApiToken saved = tokens.save(new ApiToken(null, user.id(), hash(token), null, null, null));
        record(SYSTEM, "token.issued", name + ": token " + saved.id() + " (preset)");
        return toAccount(user);
    }

    /** Adds a token for an existing user, for example when the old one was lost; earlier tokens stay valid. */
    @Transactional
    public IssuedToken newToken(String name) {
        return newToken(name, null, SYSTEM);
    }

    /**
     * Adds a token for an existing user, valid for {@code days} (null: until revoked). Earlier tokens stay valid,
     * so a client can move to the new one before the old one is revoked.
     */
    @Transactional
    public IssuedToken newToken(String name, @Nullable Integer days, String actor) {
        return issueToken(user(name), days == null ? null : clock.instant().plus(Duration.ofDays(days)), actor);
    }

    /** Registers a token chosen by the operator (LAITURI_ADMIN_TOKEN) for an existing user. */
    @Transactional
    public void addToken(String name, String token) {
        User user = user(name);
        if (tokens.findByTokenHash(hash(token)).isEmpty()) {
            ApiToken saved = tokens.save(new ApiToken(null, user.id(), hash(token), null, null, null));
            record(SYSTEM, "token.issued", name + ": token " + saved.id() + " (preset)");
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

    /** The user a token belongs to, unless it is unknown, revoked or expired; notes the use. */
    @Transactional
    public Optional<Account> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByTokenHash(hash(token))
                .filter(t -> !t.expired(now))
                .flatMap(t -> {
                    if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(USE_PRECISION))) {
                        tokens.noteUse(t.id(), now.truncatedTo(ChronoUnit.MICROS), now.minus(USE_PRECISION));
                    }
                    return users.findById(t.userId());
                })
                .map(Users::toAccount);
    }

    private IssuedToken issueToken(User user, @Nullable Instant expiresAt, String actor) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "lt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        ApiToken saved = tokens.save(new ApiToken(null, user.id(), hash(token), null, expiry, null));
        record(actor, "token.issued", user.name() + ": token " + saved.id()
                + (expiry == null ? "" : ", expires " + expiry));
        return new IssuedToken(toAccount(user), token, saved.id(), expiry);
    }

    private void record(String actor, String action, String detail) {
        audit.record(new AuditLog.Event(actor, action, null, null, null, null, null, null, detail));
    }

    private static String describe(Role role, List<String> languages) {
        return role.code() + (languages.isEmpty() ? "" : " " + String.join(",", languages));
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
