-- migrate:id b0
-- migrate:message base

-- migrate:upgrade
CREATE TABLE base_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE base_t;
