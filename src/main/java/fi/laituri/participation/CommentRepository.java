package fi.laituri.participation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface CommentRepository extends CrudRepository<Comment, Long>, JpaSpecificationExecutor<Comment> {

    List<Comment> findByDocumentIdInAndStateOrderById(Collection<Long> documentIds, String state);

    List<Comment> findByStateOrderById(String state);

    @Query("DELETE FROM comment WHERE state = 'rejected' AND decided_at < :before")
    int deleteRejectedBefore(Instant before);

    /** Comments on a language version that is gone (the document's own deletion takes them by foreign key). */
    @Query("DELETE FROM comment WHERE NOT EXISTS (SELECT 1 FROM variant v WHERE v.document_id = comment.document_id "
            + "AND v.language = comment.language)")
    int deleteOrphans();
}
