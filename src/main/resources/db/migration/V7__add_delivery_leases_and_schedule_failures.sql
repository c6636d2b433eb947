-- A delivery being sent is leased until claimed_until, not locked: the receiver is called outside
-- any transaction, and another instance skips the row until the lease has passed (a crash between
-- sending and recording the answer leaves the lease to run out, and the delivery is sent again).
ALTER TABLE webhook_delivery ADD COLUMN claimed_until DATETIME(6) NULL;

-- Failed attempts at a variant's scheduled change (action: publish or unpublish) due at due_at; a
-- new time starts the count afresh. The scheduler tries again at retry_at, and after
-- laituri.scheduler.max-failures gives up: the schedule is dropped and variant.schedule_failure says why.
CREATE TABLE schedule_attempt (
    variant_id  BIGINT        NOT NULL,
    action      VARCHAR(20)   NOT NULL,
    due_at      DATETIME(6)   NOT NULL,
    failures    INT           NOT NULL,
    retry_at    DATETIME(6)   NOT NULL,
    last_error  TEXT          NOT NULL,
    PRIMARY KEY (variant_id, action),
    CONSTRAINT fk_schedule_attempt_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE variant ADD COLUMN schedule_failure TEXT NULL;
