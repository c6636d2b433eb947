package fi.laituri.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The failure buckets every instance shares; each failure is one atomic statement, whichever instance saw it. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AuthFailureRepository extends GenericRepository<AuthFailure, String> {

    /**
     * Draws one token from the client's bucket after refilling it for the time since it was last drawn from (one
     * token every {@code microsPerToken}, at most {@code burst}); a new bucket starts full. Never below zero.
     */
    @Query("""
            INSERT INTO auth_failure (client_key, tokens, updated_at) VALUES (:clientKey, :burst - 1, :now)
            ON DUPLICATE KEY UPDATE
              tokens = GREATEST(0, LEAST(:burst,
                  tokens + GREATEST(0, TIMESTAMPDIFF(MICROSECOND, updated_at, :now)) / :microsPerToken) - 1),
              updated_at = :now""")
    void draw(String clientKey, double burst, double microsPerToken, Instant now);

    @Query("SELECT * FROM auth_failure WHERE client_key = :clientKey")
    Optional<AuthFailure> find(String clientKey);

    /** Forgets buckets last drawn from before {@code before} (full again by then), a few at a time. */
    @Query("DELETE FROM auth_failure WHERE updated_at < :before LIMIT 100")
    void forgetBefore(Instant before);
}
