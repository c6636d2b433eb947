package fi.laituri;

import fi.laituri.security.Users;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;

/** Base of the HTTP tests: a fresh database, a client of the running server, and users to act as. */
public abstract class ApiTest extends DatabaseTest {

    @Inject
    @Client("/")
    protected HttpClient client;

    @Inject
    protected Users users;
}
