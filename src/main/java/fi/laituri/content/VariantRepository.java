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
interface VariantRepository extends CrudRepository<Variant, Long> {

    Optional<Variant> findByDocumentIdAndLanguage(Long documentId, String language);

    List<Variant> findByDocumentIdOrderByLanguage(Long documentId);

    List<Variant> findByDocumentIdInOrderByLanguage(Collection<Long> documentIds);

    Optional<Variant> findByLanguageAndSlug(String language, String slug);

    boolean existsByLanguageAndSlug(String language, String slug);

    /** Which of {@code slugs} the versions in {@code language} have; by the (language, slug) index, not a scan of every version. */
    List<String> findSlugByLanguageAndSlugIn(String language, Collection<String> slugs);

    /** The variant, locked until the transaction ends: concurrent transitions queue here. */
    @Query("SELECT * FROM variant WHERE document_id = :documentId AND language = :language FOR UPDATE")
    Optional<Variant> lock(Long documentId, String language);

    /** The variant if its publication is still due and no other instance is handling it. */
    @Query("SELECT * FROM variant WHERE id = :id AND publish_at <= :now FOR UPDATE SKIP LOCKED")
    Optional<Variant> claimDuePublication(Long id, Instant now);

    @Query("SELECT * FROM variant WHERE id = :id AND unpublish_at <= :now FOR UPDATE SKIP LOCKED")
    Optional<Variant> claimDueUnpublication(Long id, Instant now);

    @Query("SELECT COUNT(*) FROM variant WHERE JSON_CONTAINS(authors, JSON_QUOTE(:authorId))")
    long countUsingAuthor(String authorId);

    /** The live variants whose live revision (the public byline, whatever the working copy says now) names the author. */
    @Query("SELECT v.* FROM variant v JOIN revision r ON r.variant_id = v.id AND r.number = v.live_revision"
            + " WHERE JSON_CONTAINS(r.authors, JSON_QUOTE(:authorId)) ORDER BY v.id")
    List<Variant> findLiveUsingAuthor(String authorId);

    /** See {@link ContentReads#naming(String)}; {@code reference} holds no pattern characters. */
    @Query(value = "SELECT v.id AS variant_id, v.document_id, d.translation_key, v.language,"
            + " (r.body IS NOT NULL AND r.body REGEXP CONCAT(:reference, '([^a-z0-9-]|$)')) AS live"
            + " FROM variant v JOIN document d ON d.id = v.document_id"
            + " LEFT JOIN revision r ON r.variant_id = v.id AND r.number = v.live_revision"
            + " WHERE v.body REGEXP CONCAT(:reference, '([^a-z0-9-]|$)')"
            + " OR r.body REGEXP CONCAT(:reference, '([^a-z0-9-]|$)') ORDER BY v.document_id, v.language",
            nativeQuery = true)
    List<VariantNaming> naming(String reference);
}
