-- The desk (/desk/) signs users in with a password: only its BCrypt hash is kept, one a user.
CREATE TABLE user_password (
    user_id     BIGINT        NOT NULL PRIMARY KEY,
    hash        VARCHAR(100)  NOT NULL,
    changed_at  DATETIME(6)   NOT NULL,
    CONSTRAINT fk_password_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A signed-in desk session, kept in the database so that every instance on it knows it. Only the SHA-256 of the
-- cookie's value is kept; csrf is the session's synchronizer token, which every form of the desk carries.
CREATE TABLE desk_session (
    id_hash     CHAR(64)      NOT NULL PRIMARY KEY,
    user_id     BIGINT        NOT NULL,
    csrf        CHAR(43)      NOT NULL,
    language    VARCHAR(10)   NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    seen_at     DATETIME(6)   NOT NULL,
    KEY ix_desk_session_user (user_id),
    CONSTRAINT fk_desk_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
