-- migrate:id x1
-- migrate:labels xs
-- migrate:message x base

-- migrate:upgrade
CREATE TABLE x_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE x_t;
