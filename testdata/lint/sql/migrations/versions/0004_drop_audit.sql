-- migrate:id 0004
-- migrate:revises 0003
-- migrate:message drop the audit table

-- migrate:upgrade
-- migrate:lint-ignore drop-table
DROP TABLE audit;
INSERT INTO users (id, email, age) VALUES (0, 'system@example.com', 0);
DO_SOMETHING_ODD;
