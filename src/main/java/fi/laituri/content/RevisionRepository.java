package fi.laituri.content;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Revisions are only ever appended and read: no update or delete is offered. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface RevisionRepository extends GenericRepository<Revision, Long> {

    Revision save(Revision revision);

    List<Revision> findByVariantIdOrderByNumberDesc(Long variantId);

    Optional<Revision> findByVariantIdAndNumber(Long variantId, int number);

    long countByVariantId(Long variantId);

    /** The numbers of the revisions after {@code number} that {@code createdBy} wrote, oldest first. */
    List<Integer> findNumberByVariantIdAndNumberGreaterThanAndCreatedByOrderByNumber(Long variantId, int number, String createdBy);
}
