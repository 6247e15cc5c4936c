-- migrate:id d4d4d4d4d4d4
-- migrate:revises b2b2b2b2b2b2 c3c3c3c3c3c3
-- migrate:message merge, and give posts a body
-- migrate:create_date 2026-01-04 00:00:00

-- migrate:upgrade
ALTER TABLE posts ADD COLUMN body text;

-- migrate:downgrade
ALTER TABLE posts DROP COLUMN body;
