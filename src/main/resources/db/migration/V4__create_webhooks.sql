-- Outgoing webhooks: where to send outbox events, and a log of every delivery.

-- events: a JSON list of event types; an empty list means every type. The secret signs each
-- delivery, so it is kept as it is, not hashed.
CREATE TABLE webhook (
    id          BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    url         VARCHAR(2000)  NOT NULL,
    secret      VARCHAR(200)   NOT NULL,
    events      JSON           NOT NULL,
    active      BOOLEAN        NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    created_at  DATETIME(6)    NOT NULL,
    version     BIGINT         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per webhook and event; the unique key makes a replayed fan-out add nothing. The body is
-- fixed when the row is made, so every attempt sends (and signs) the same bytes, whatever happens
-- to the outbox later.
CREATE TABLE webhook_delivery (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    webhook_id       BIGINT        NOT NULL,
    event_id         BIGINT        NOT NULL,
    event_type       VARCHAR(40)   NOT NULL,
    body             MEDIUMTEXT    NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  DATETIME(6)   NOT NULL,
    last_status      INT           NULL,
    last_error       TEXT          NULL,
    delivered_at     DATETIME(6)   NULL,
    created_at       DATETIME(6)   NOT NULL,
    CONSTRAINT uq_delivery_webhook_event UNIQUE (webhook_id, event_id),
    CONSTRAINT fk_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE,
    INDEX ix_delivery_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
