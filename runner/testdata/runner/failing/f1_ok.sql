-- migrate:id f1
-- migrate:message fine

-- migrate:upgrade
CREATE TABLE f1_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE f1_t;
