package fi.laituri.content;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

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

    @Query("SELECT COUNT(*) FROM variant WHERE JSON_CONTAINS(authors, JSON_QUOTE(:authorId))")
    long countUsingAuthor(String authorId);
}
