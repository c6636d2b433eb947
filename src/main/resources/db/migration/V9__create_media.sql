-- Uploaded files: the bytes live content-addressed (SHA-256) in a MediaStore, several rows may share them;
-- the rows hold what the site needs to show them. texts: {"fi": {"title": ..., "alt": ...}, ...}.
CREATE TABLE media (
    id            VARCHAR(100)  NOT NULL PRIMARY KEY,
    sha256        CHAR(64)      NOT NULL,
    file_name     VARCHAR(255)  NOT NULL,
    media_type    VARCHAR(100)  NOT NULL,
    size          BIGINT        NOT NULL,
    width         INT           NULL,
    height        INT           NULL,
    decorative    BOOLEAN       NOT NULL,
    texts         JSON          NOT NULL,
    uploaded_by   VARCHAR(100)  NOT NULL,
    version       BIGINT        NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    INDEX ix_media_sha256 (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
