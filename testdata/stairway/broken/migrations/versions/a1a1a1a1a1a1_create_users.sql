-- migrate:id a1a1a1a1a1a1
-- migrate:message create users
-- migrate:create_date 2026-01-01 00:00:00

-- migrate:upgrade
CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(200) NOT NULL
);

-- migrate:downgrade
DROP TABLE users;
