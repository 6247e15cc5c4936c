-- migrate:id b2b2b2b2b2b2
-- migrate:revises a1a1a1a1a1a1
-- migrate:message users get a name
-- migrate:create_date 2026-01-02 00:00:00

-- migrate:upgrade
ALTER TABLE users ADD COLUMN name varchar(100);

-- migrate:downgrade
ALTER TABLE users DROP COLUMN name;
