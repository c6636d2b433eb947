-- The publication workflow. A variant's status is the workflow state of its working revision;
-- live_revision is the revision the public sees (NULL: nothing is public). Editing a published
-- variant starts a new working revision while the live one stays public until the next publish.

ALTER TABLE variant
    ADD COLUMN live_revision    INT          NULL,
    ADD COLUMN submitted_by     VARCHAR(100) NULL,
    ADD COLUMN first_published_at DATETIME(6) NULL,
    ADD COLUMN publish_at       DATETIME(6)  NULL,
    ADD COLUMN unpublish_at     DATETIME(6)  NULL,
    ADD INDEX ix_variant_publish_at (publish_at),
    ADD INDEX ix_variant_unpublish_at (unpublish_at);

-- What was imported as published is live at its latest revision.
UPDATE variant SET live_revision = revision, first_published_at = updated_at WHERE status = 'published';

-- The languages a translator may edit.
ALTER TABLE app_user ADD COLUMN languages JSON NOT NULL DEFAULT '[]';

-- Every edit and transition, appended and never changed. The triggers make sure of it whatever
-- code or client talks to the database.
CREATE TABLE audit_entry (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at           DATETIME(6)   NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    action       VARCHAR(40)   NOT NULL,
    document_id  BIGINT        NULL,
    language     VARCHAR(20)   NULL,
    revision     INT           NULL,
    from_status  VARCHAR(20)   NULL,
    to_status    VARCHAR(20)   NULL,
    comment      TEXT          NULL,
    detail       TEXT          NULL,
    INDEX ix_audit_document (document_id, id),
    INDEX ix_audit_actor (actor, id),
    INDEX ix_audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only';

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only';

-- Changes to what is public, written in the transaction that makes them. Each consumer keeps its
-- position and advances it in the transaction that applies the events, so none is lost or applied twice.
CREATE TABLE outbox_event (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at   DATETIME(6)   NOT NULL,
    type         VARCHAR(40)   NOT NULL,
    document_id  BIGINT        NOT NULL,
    language     VARCHAR(20)   NOT NULL,
    revision     INT           NULL,
    payload      TEXT          NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row that every append locks until its transaction ends, so events commit in id order and a
-- consumer reading "after my position" can never pass over an event that commits later.
CREATE TABLE outbox_lock (
    id  TINYINT  NOT NULL PRIMARY KEY,
    n   BIGINT   NOT NULL
) ENGINE=InnoDB;

INSERT INTO outbox_lock (id, n) VALUES (1, 0);

CREATE TABLE outbox_consumer (
    name      VARCHAR(50)  NOT NULL PRIMARY KEY,
    position  BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A named bundle of variants published together, now or at a time.
CREATE TABLE release_bundle (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    publish_at    DATETIME(6)   NULL,
    failure       TEXT          NULL,
    created_by    VARCHAR(100)  NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    published_at  DATETIME(6)   NULL,
    version       BIGINT        NOT NULL,
    INDEX ix_release_due (status, publish_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE release_member (
    release_id   BIGINT       NOT NULL,
    document_id  BIGINT       NOT NULL,
    language     VARCHAR(20)  NOT NULL,
    PRIMARY KEY (release_id, document_id, language),
    CONSTRAINT fk_member_release FOREIGN KEY (release_id) REFERENCES release_bundle (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
