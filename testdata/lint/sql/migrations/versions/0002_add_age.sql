-- migrate:id 0002
-- migrate:revises 0001
-- migrate:message add age and an email index

-- migrate:upgrade
ALTER TABLE users ADD COLUMN age integer NOT NULL;
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE TABLE audit (id integer PRIMARY KEY, at varchar(40));
CREATE INDEX ix_audit_at ON audit (at);

-- migrate:downgrade
DROP TABLE audit;
DROP INDEX ix_users_email;
ALTER TABLE users DROP COLUMN age;
