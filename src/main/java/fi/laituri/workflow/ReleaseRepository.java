package fi.laituri.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ReleaseRepository extends CrudRepository<ReleaseBundle, Long> {

    @Query("SELECT * FROM release_bundle WHERE id = :id FOR UPDATE")
    Optional<ReleaseBundle> lock(Long id);

    @Query("SELECT * FROM release_bundle WHERE status = 'scheduled' AND publish_at <= :now ORDER BY publish_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
    Optional<ReleaseBundle> lockNextDue(Instant now);

    @Query("SELECT * FROM release_bundle ORDER BY id DESC")
    List<ReleaseBundle> newestFirst();

    @Query("INSERT INTO release_member (release_id, document_id, language) VALUES (:releaseId, :documentId, :language)")
    void addMember(Long releaseId, Long documentId, String language);

    @Query("DELETE FROM release_member WHERE release_id = :releaseId AND document_id = :documentId AND language = :language")
    void removeMember(Long releaseId, Long documentId, String language);

    @Query("SELECT * FROM release_bundle WHERE status = 'scheduled' ORDER BY publish_at, id")
    List<ReleaseBundle> scheduled();

    @Query(value = "SELECT document_id, language FROM release_member WHERE release_id = :releaseId ORDER BY document_id, language",
            nativeQuery = true)
    List<MemberRow> members(Long releaseId);
}
