-- Preview links: a reviewer without an account reads one variant's draft through an unguessable
-- token. Only the SHA-256 of the token is kept; the token itself is shown once, when issued.
-- document_id and language name the variant as the content service does; variant_id binds the link
-- to the variant row itself, so deleting the variant deletes its links.

CREATE TABLE preview_link (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash   CHAR(64)      NOT NULL,
    variant_id   BIGINT        NOT NULL,
    document_id  BIGINT        NOT NULL,
    language     VARCHAR(20)   NOT NULL,
    created_by   VARCHAR(100)  NOT NULL,
    created_at   DATETIME(6)   NOT NULL,
    expires_at   DATETIME(6)   NOT NULL,
    revoked_at   DATETIME(6)   NULL,
    CONSTRAINT uq_preview_link_token UNIQUE (token_hash),
    CONSTRAINT fk_preview_link_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
