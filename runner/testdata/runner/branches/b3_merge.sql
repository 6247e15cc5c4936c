-- migrate:id b3
-- migrate:revises b1 b2
-- migrate:message merge left and right

-- migrate:upgrade
CREATE TABLE merged_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE merged_t;
