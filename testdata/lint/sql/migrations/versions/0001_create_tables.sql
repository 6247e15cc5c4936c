-- migrate:id 0001
-- migrate:message create tables

-- migrate:upgrade
CREATE TABLE users (id integer PRIMARY KEY, email varchar(100), name text);
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL);

-- migrate:downgrade
DROP TABLE orders;
DROP TABLE users;
