-- Content model: a document has one variant per language; every save of a variant
-- appends an immutable revision. Authors are referenced by their stable id.

CREATE TABLE author (
    id            VARCHAR(100)  NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    title         VARCHAR(200)  NULL,
    organisation  VARCHAR(300)  NULL,
    version       BIGINT        NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE document (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind             VARCHAR(20)   NOT NULL,
    translation_key  VARCHAR(100)  NOT NULL,
    version          BIGINT        NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    CONSTRAINT uq_document_key UNIQUE (translation_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE variant (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_id      BIGINT        NOT NULL,
    language         VARCHAR(20)   NOT NULL,
    slug             VARCHAR(120)  NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    summary          TEXT          NOT NULL,
    body             MEDIUMTEXT    NOT NULL,
    tags             JSON          NOT NULL,
    authors          JSON          NOT NULL,
    content_date     DATETIME(6)   NULL,
    status           VARCHAR(20)   NOT NULL,
    revision         INT           NOT NULL,
    content_hash     CHAR(64)      NOT NULL,
    version          BIGINT        NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    CONSTRAINT uq_variant_document_language UNIQUE (document_id, language),
    CONSTRAINT uq_variant_language_slug UNIQUE (language, slug),
    CONSTRAINT fk_variant_document FOREIGN KEY (document_id) REFERENCES document (id) ON DELETE CASCADE,
    INDEX ix_variant_status (status, language)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE revision (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    variant_id       BIGINT        NOT NULL,
    number           INT           NOT NULL,
    slug             VARCHAR(120)  NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    summary          TEXT          NOT NULL,
    body             MEDIUMTEXT    NOT NULL,
    tags             JSON          NOT NULL,
    authors          JSON          NOT NULL,
    content_date     DATETIME(6)   NULL,
    content_hash     CHAR(64)      NOT NULL,
    restored_from    INT           NULL,
    created_by       VARCHAR(100)  NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    CONSTRAINT uq_revision_number UNIQUE (variant_id, number),
    CONSTRAINT fk_revision_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE app_user (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    role        VARCHAR(20)   NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    CONSTRAINT uq_user_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a token is kept; the token itself is shown once, when issued.
CREATE TABLE api_token (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT        NOT NULL,
    token_hash  CHAR(64)      NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    CONSTRAINT uq_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
