-- migrate:id a1
-- migrate:message create users

-- migrate:upgrade
CREATE TABLE users (id integer PRIMARY KEY, name varchar(50) NOT NULL);
INSERT INTO users (id, name) VALUES (1, 'it''s; a semicolon');

-- migrate:downgrade
DROP TABLE users;
