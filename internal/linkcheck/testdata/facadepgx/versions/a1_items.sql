-- migrate:id a1
-- migrate:message items

-- migrate:upgrade
CREATE TABLE items (id bigint PRIMARY KEY);

-- migrate:downgrade
DROP TABLE items;
