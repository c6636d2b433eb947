package fi.laituri.media;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface MediaRepository extends CrudRepository<MediaFile, String> {

    List<MediaFile> listOrderById();

    long countBySha256(String sha256);

    List<MediaFile> findByIdIn(Collection<String> ids);

    /**
     * The language versions whose working text or live revision names the file ({@code media:<id>} not followed by more
     * of an id). The content tables are read here, never changed: no content service answers "who uses this file".
     */
    @Query(value = "SELECT v.id AS variant_id, v.document_id, d.translation_key, v.language,"
            + " (r.body IS NOT NULL AND r.body REGEXP CONCAT('media:', :id, '([^a-z0-9-]|$)')) AS live"
            + " FROM variant v JOIN document d ON d.id = v.document_id"
            + " LEFT JOIN revision r ON r.variant_id = v.id AND r.number = v.live_revision"
            + " WHERE v.body REGEXP CONCAT('media:', :id, '([^a-z0-9-]|$)')"
            + " OR r.body REGEXP CONCAT('media:', :id, '([^a-z0-9-]|$)') ORDER BY v.document_id, v.language",
            nativeQuery = true)
    List<MediaUser> users(String id);
}
