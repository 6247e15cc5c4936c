-- migrate:id a3
-- migrate:revises a2
-- migrate:message add comments

-- migrate:upgrade
CREATE TABLE comments (id integer PRIMARY KEY, body varchar(200));
ALTER TABLE users ADD COLUMN email varchar(100);

-- migrate:downgrade
ALTER TABLE users DROP COLUMN email;
DROP TABLE comments;
