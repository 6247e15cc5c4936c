-- migrate:id f2
-- migrate:revises f1
-- migrate:message broken in the middle

-- migrate:upgrade
CREATE TABLE f2_a (id integer PRIMARY KEY);
CREATE TABLE f2_b (id integer PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);
CREATE TABLE f2_c (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE f2_c;
DROP TABLE f2_b;
DROP TABLE f2_a;
