package fi.laituri.participation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface FeedbackRepository extends CrudRepository<Feedback, Long>, JpaSpecificationExecutor<Feedback> {

    /** Unhandled feedback with a reply-by date, the earliest (most overdue) first. */
    List<Feedback> findByHandledAtIsNullAndReplyByIsNotNullOrderByReplyBy();

    @Query("DELETE FROM feedback WHERE created_at < :before")
    int deleteCreatedBefore(Instant before);
}
