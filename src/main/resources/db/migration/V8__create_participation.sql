-- Public participation: readers' comments on blog posts and their feedback on the site.
-- Nothing here holds a client's address: rate limits keep salted hashes in memory only.

-- state: pending (new, unseen by readers), approved (on the post's page) or rejected (deleted by the
-- retention job after laituri.participation.retention.rejected-comments). The e-mail is never shown or
-- exported. A post's comments go with the post (the foreign key), a language version's with the
-- retention job.
CREATE TABLE comment (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_id  BIGINT         NOT NULL,
    language     VARCHAR(20)    NOT NULL,
    name         VARCHAR(200)   NOT NULL,
    email        VARCHAR(320)   NULL,
    body         TEXT           NOT NULL,
    state        VARCHAR(20)    NOT NULL,
    created_at   DATETIME(6)    NOT NULL,
    decided_at   DATETIME(6)    NULL,
    decided_by   VARCHAR(100)   NULL,
    reply        TEXT           NULL,
    reply_by     VARCHAR(100)   NULL,
    replied_at   DATETIME(6)    NULL,
    CONSTRAINT fk_comment_document FOREIGN KEY (document_id) REFERENCES document (id) ON DELETE CASCADE,
    INDEX ix_comment_post (document_id, language, state, created_at),
    INDEX ix_comment_state (state, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A post whose comments a publisher has turned off (or back on); no row: the kind's default.
CREATE TABLE comment_switch (
    document_id  BIGINT         NOT NULL PRIMARY KEY,
    open         BOOLEAN        NOT NULL,
    changed_by   VARCHAR(100)   NOT NULL,
    changed_at   DATETIME(6)    NOT NULL,
    CONSTRAINT fk_comment_switch_document FOREIGN KEY (document_id) REFERENCES document (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- category: general, content_error, accessibility, other. page: the site page the reader came from.
-- reply_by: for accessibility feedback, 14 days after it came (the law's reply time).
CREATE TABLE feedback (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    language     VARCHAR(20)    NOT NULL,
    category     VARCHAR(20)    NOT NULL,
    message      TEXT           NOT NULL,
    name         VARCHAR(200)   NULL,
    email        VARCHAR(320)   NULL,
    page         VARCHAR(500)   NULL,
    created_at   DATETIME(6)    NOT NULL,
    reply_by     DATE           NULL,
    handled_at   DATETIME(6)    NULL,
    handled_by   VARCHAR(100)   NULL,
    note         TEXT           NULL,
    INDEX ix_feedback_created (created_at),
    INDEX ix_feedback_due (handled_at, reply_by)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
