package fi.laituri.security;

import fi.laituri.audit.AuditLog;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Desk sessions, kept in the database so that every instance knows them. Signing in always makes a new session id
 * (whatever session the browser had is ended), so no one can plant an id before and use it after (fixation). Only
 * the id's SHA-256 is stored. A session ends after {@code laituri.desk.session-idle} without use or
 * {@code session-max} after sign-in, at sign-out, at "sign out everywhere", and when its user is removed.
 */
@Singleton
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Duration USE_PRECISION = Duration.ofMinutes(1);

    /** A session as the desk sees it: the user (looked up afresh, so a role change counts at once), its CSRF token. */
    public record Signed(String idHash, Users.Account account, String csrf, String language) {
    }

    /** A new session: the cookie's value, shown to the browser once. */
    public record Opened(String id, Signed session) {
    }

    private final DeskSessionRepository sessions;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration idle;
    private final Duration max;

    Sessions(DeskSessionRepository sessions, UserRepository users, AuditLog audit, Clock clock,
             @Value("${laituri.desk.session-idle:4h}") Duration idle,
             @Value("${laituri.desk.session-max:12h}") Duration max) {
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.idle = idle;
        this.max = max;
    }

    /** Signs the user in with a new session, ending {@code previous} (the browser's old cookie) if there was one. */
    @Transactional
    public Opened open(Users.Account account, String language, String previous) {
        if (previous != null) {
            end(previous);
        }
        String id = random();
        String csrf = random();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DeskSession saved = sessions.save(new DeskSession(Users.hash(id), account.id(), csrf, language, now, now));
        audit.record(new AuditLog.Event(account.name(), "session.started", null, null, null, null, null, null, account.name()));
        return new Opened(id, new Signed(saved.idHash(), account, csrf, language));
    }

    /** The session of a cookie's value, unless it is unknown or has expired; notes the use. */
    @Transactional
    public Optional<Signed> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.findById(Users.hash(id))
                .filter(s -> s.seenAt().isAfter(now.minus(idle)) && s.createdAt().isAfter(now.minus(max)))
                .flatMap(s -> {
                    sessions.noteUse(s.idHash(), now.truncatedTo(ChronoUnit.MICROS), now.minus(USE_PRECISION));
                    return users.findById(s.userId()).map(u -> new Signed(s.idHash(), new Users.Account(u.id(), u.name(),
                            Role.parse(u.role()).orElseThrow(), u.languages(), u.version()), s.csrf(), s.language()));
                });
    }

    @Transactional
    public void end(String id) {
        if (id != null && ID.matcher(id).matches()) {
            sessions.deleteById(Users.hash(id));
        }
    }

    /** Ends every session of the user, on every device (and this one). */
    @Transactional
    public int endAll(String name) {
        return users.findByName(name).map(u -> {
            int ended = sessions.deleteByUserId(u.id());
            audit.record(new AuditLog.Event(name, "session.ended_everywhere", null, null, null, null, null, null,
                    name + ": " + ended + " sessions"));
            return ended;
        }).orElse(0);
    }

    @Transactional
    public void changeLanguage(String idHash, String language) {
        sessions.updateLanguage(idHash, language);
    }

    /** Forgets expired sessions; run now and then. */
    @Transactional
    public int purge() {
        Instant now = clock.instant();
        return sessions.deleteExpired(now.minus(idle), now.minus(max));
    }

    /** How long a session may go unused: the cookie's Max-Age. */
    public Duration idle() {
        return idle;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
