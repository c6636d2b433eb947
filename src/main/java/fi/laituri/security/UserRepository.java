package fi.laituri.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByName(String name);

    List<User> listOrderByName();

    /**
     * The admins' ids, their rows locked until the transaction ends: of two admins demoting or removing each
     * other at once, the second waits and then sees that only one admin is left.
     */
    @Query("SELECT id FROM app_user WHERE role = 'admin' FOR UPDATE")
    List<Long> lockAdmins();
}
