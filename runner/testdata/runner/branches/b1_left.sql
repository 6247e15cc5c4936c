-- migrate:id b1
-- migrate:revises b0
-- migrate:labels left
-- migrate:message left branch

-- migrate:upgrade
CREATE TABLE left_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE left_t;
