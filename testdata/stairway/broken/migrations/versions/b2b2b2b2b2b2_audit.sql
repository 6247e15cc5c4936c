-- migrate:id b2b2b2b2b2b2
-- migrate:revises a1a1a1a1a1a1
-- migrate:message audit table and email index
-- migrate:create_date 2026-01-02 00:00:00

-- migrate:upgrade
CREATE TABLE audit (
    id integer PRIMARY KEY,
    what varchar(100) NOT NULL
);
CREATE INDEX ix_users_email ON users (email);

-- migrate:downgrade
-- The index is forgotten: the stairway test must catch it.
DROP TABLE audit;
