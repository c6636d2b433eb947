-- Translation tracking: which revision of its source variant (fi for sv and selko by default) a
-- translation or adaptation was made from. A variant whose source has since published a newer
-- revision is outdated; the state is worked out when asked, so it can never go stale itself.
-- One row a translated variant; deleting the variant deletes it.

CREATE TABLE translation_source (
    variant_id       BIGINT        NOT NULL PRIMARY KEY,
    source_language  VARCHAR(20)   NOT NULL,
    source_revision  INT           NULL,
    recorded_by      VARCHAR(100)  NOT NULL,
    recorded_at      DATETIME(6)   NOT NULL,
    CONSTRAINT fk_translation_source_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
