package fi.laituri.content;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface VariantRepository extends CrudRepository<Variant, Long> {

    Optional<Variant> findByDocumentIdAndLanguage(Long documentId, String language);

    List<Variant> findByDocumentIdOrderByLanguage(Long documentId);

    List<Variant> findByDocumentIdInOrderByLanguage(Collection<Long> documentIds);

    Optional<Variant> findByLanguageAndSlug(String language, String slug);

    boolean existsByLanguageAndSlug(String language, String slug);

    /** The variant, locked until the transaction ends: concurrent transitions queue here. */
    @Query("SELECT * FROM variant WHERE document_id = :documentId AND language = :language FOR UPDATE")
    Optional<Variant> lock(Long documentId, String language);

    /** Variants whose scheduled publication is due and that no other instance is handling. */
    @Query("SELECT * FROM variant WHERE publish_at <= :now ORDER BY publish_at, id LIMIT 50 FOR UPDATE SKIP LOCKED")
    List<Variant> lockDuePublications(Instant now);

    @Query("SELECT * FROM variant WHERE unpublish_at <= :now ORDER BY unpublish_at, id LIMIT 50 FOR UPDATE SKIP LOCKED")
    List<Variant> lockDueUnpublications(Instant now);

    @Query("SELECT COUNT(*) FROM variant WHERE JSON_CONTAINS(authors, JSON_QUOTE(:authorId))")
    long countUsingAuthor(String authorId);
}
