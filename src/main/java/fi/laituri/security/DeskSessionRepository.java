package fi.laituri.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
interface DeskSessionRepository extends CrudRepository<DeskSession, String> {

    int deleteByUserId(Long userId);

    @Query("UPDATE desk_session SET seen_at = :now WHERE id_hash = :idHash AND seen_at < :since")
    void noteUse(String idHash, Instant now, Instant since);

    @Query("UPDATE desk_session SET language = :language WHERE id_hash = :idHash")
    void updateLanguage(String idHash, String language);

    @Query("DELETE FROM desk_session WHERE seen_at < :idleSince OR created_at < :createdSince")
    int deleteExpired(Instant idleSince, Instant createdSince);
}
