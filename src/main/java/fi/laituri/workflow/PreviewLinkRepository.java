package fi.laituri.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface PreviewLinkRepository extends CrudRepository<PreviewLink, Long> {

    Optional<PreviewLink> findByTokenHash(String tokenHash);

    List<PreviewLink> findByVariantIdOrderByIdDesc(Long variantId);

    Optional<PreviewLink> findByIdAndVariantId(Long id, Long variantId);

    /**
     * The id of the variant a link is bound to. The content service names variants only by document and
     * language; the share lock keeps the variant from being deleted before the new link is saved.
     */
    @Query("SELECT id FROM variant WHERE document_id = :documentId AND language = :language LOCK IN SHARE MODE")
    Optional<Long> findVariantId(Long documentId, String language);
}
