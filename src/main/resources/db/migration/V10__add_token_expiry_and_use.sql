-- A token may expire (expires_at, null: never), and says when it last let someone in (last_used_at, kept to
-- the minute so that reading the API does not write a row per request). Revoking a token deletes its row.
ALTER TABLE api_token
    ADD COLUMN expires_at   DATETIME(6) NULL,
    ADD COLUMN last_used_at DATETIME(6) NULL;
