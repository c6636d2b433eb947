-- Failed authentications per client, shared by every instance on this database (fi.laituri.security.FailureThrottle):
-- a token bucket per kind and client ('token:<address>', 'preview:<address>'), holding the tokens left when it was
-- last drawn from; it refills with time. Rows of clients that have not failed for a while are deleted.
CREATE TABLE auth_failure (
    client_key  VARCHAR(100)  NOT NULL,
    tokens      DOUBLE        NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (client_key),
    KEY idx_auth_failure_updated_at (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
