package fi.laituri.webhooks;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface WebhookRepository extends CrudRepository<Webhook, Long> {

    List<Webhook> listOrderById();

    List<Webhook> findByIdIn(Collection<Long> ids);
}
