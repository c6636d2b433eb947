package fi.laituri.content;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface DocumentRepository extends CrudRepository<Document, Long>, JpaSpecificationExecutor<Document> {

    Optional<Document> findByTranslationKey(String translationKey);

    boolean existsByTranslationKey(String translationKey);

    List<Document> findByTranslationKeyIn(Collection<String> translationKeys);

    @Query("SELECT * FROM document ORDER BY kind, translation_key")
    List<Document> listForExport();

    /** Marks the document as changed when one of its variants changes, for the listing order. */
    @Query("UPDATE document SET updated_at = :at WHERE id = :id")
    void touch(Long id, Instant at);
}
