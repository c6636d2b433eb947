package fi.laituri.participation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface CommentSwitchRepository extends CrudRepository<CommentSwitch, Long> {

    List<CommentSwitch> findByDocumentIdIn(Collection<Long> documentIds);
}
