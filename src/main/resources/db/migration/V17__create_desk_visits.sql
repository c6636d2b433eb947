-- When each user last looked at the desk's home page, so that it can list what others changed since then
-- (fi.laituri.desk.LastVisits). One row a user; it goes with the user.
CREATE TABLE desk_visit (
    user_name   VARCHAR(100)  NOT NULL PRIMARY KEY,
    seen_at     DATETIME(6)   NOT NULL,
    CONSTRAINT fk_desk_visit_user FOREIGN KEY (user_name) REFERENCES app_user (name) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
