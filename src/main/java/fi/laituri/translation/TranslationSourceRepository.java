package fi.laituri.translation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface TranslationSourceRepository extends GenericRepository<TranslationSource, Long> {

    Optional<TranslationSource> findById(Long variantId);

    List<TranslationSource> findAll();

    /** Inserts or replaces the row of a variant. */
    @Query("""
            INSERT INTO translation_source (variant_id, source_language, source_revision, recorded_by, recorded_at)
            VALUES (:variantId, :sourceLanguage, :sourceRevision, :recordedBy, :recordedAt)
            ON DUPLICATE KEY UPDATE source_language = VALUES(source_language), source_revision = VALUES(source_revision),
                recorded_by = VALUES(recorded_by), recorded_at = VALUES(recorded_at)""")
    void record(Long variantId, String sourceLanguage, @Nullable Integer sourceRevision, String recordedBy, Instant recordedAt);
}
