-- migrate:id c3c3c3c3c3c3
-- migrate:revises b2b2b2b2b2b2
-- migrate:message create posts
-- migrate:create_date 2026-01-03 00:00:00

-- migrate:upgrade
CREATE TABLE posts (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE posts;
