package fi.laituri.content;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AuthorRepository extends CrudRepository<Author, String> {

    List<Author> listOrderById();

    List<Author> findByIdIn(Collection<String> ids);
}
