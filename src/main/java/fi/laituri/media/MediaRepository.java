package fi.laituri.media;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface MediaRepository extends CrudRepository<MediaFile, String> {

    List<MediaFile> listOrderById();

    long countBySha256(String sha256);

    List<MediaFile> findBySha256OrderById(String sha256);

    List<MediaFile> findByIdIn(Collection<String> ids);
}
