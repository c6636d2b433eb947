-- Two admins changing one user at once: the second write names the version it read, or is refused.
ALTER TABLE app_user ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
