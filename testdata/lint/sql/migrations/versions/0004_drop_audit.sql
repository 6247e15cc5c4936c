-- migrate:id 0004
-- migrate:revises 0003
-- migrate:message drop the audit table

-- migrate:upgrade
-- migrate:lint-ignore drop-table
DROP TABLE audit;
INSERT INTO users (id, email, age) VALUES (0, 'system@example.com', 0);
DO_SOMETHING_ODD;
CREATE TABLE _new_users (id integer PRIMARY KEY, email varchar(100) NOT NULL, age integer NOT NULL, status text);
INSERT INTO _new_users SELECT id, coalesce(email, ''), age, status FROM users;
DROP TABLE users;
ALTER TABLE _new_users RENAME TO users;
