-- migrate:id b2
-- migrate:revises b0
-- migrate:labels right
-- migrate:message right branch

-- migrate:upgrade
CREATE TABLE right_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE right_t;
