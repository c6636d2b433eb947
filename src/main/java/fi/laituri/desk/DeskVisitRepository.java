package fi.laituri.desk;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface DeskVisitRepository extends GenericRepository<DeskVisit, String> {

    Optional<DeskVisit> findById(String userName);

    /** One statement, so that two tabs loading the home page at once cannot both insert. */
    @Query("INSERT INTO desk_visit (user_name, seen_at) VALUES (:userName, :seenAt) "
            + "ON DUPLICATE KEY UPDATE seen_at = GREATEST(seen_at, VALUES(seen_at))")
    void mark(String userName, Instant seenAt);
}
