package fi.laituri.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ApiTokenRepository extends CrudRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findByUserIdOrderById(Long userId);

    Optional<ApiToken> findByIdAndUserId(Long id, Long userId);

    int deleteByUserId(Long userId);

    /** Notes a use, unless one was noted since {@code since}: at most one write a token a minute. */
    @Query("UPDATE api_token SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :since)")
    void noteUse(long id, Instant now, Instant since);
}
