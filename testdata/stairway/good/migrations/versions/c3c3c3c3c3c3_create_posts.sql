-- migrate:id c3c3c3c3c3c3
-- migrate:revises a1a1a1a1a1a1
-- migrate:message create posts (a branch)
-- migrate:create_date 2026-01-03 00:00:00

-- migrate:upgrade
CREATE TABLE posts (
    id integer PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    title varchar(200) NOT NULL
);

-- migrate:downgrade
DROP TABLE posts;
