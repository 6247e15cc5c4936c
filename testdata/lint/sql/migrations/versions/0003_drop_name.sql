-- migrate:id 0003
-- migrate:revises 0002
-- migrate:message drop the name column
-- migrate:lint-ignore rename-table orders became purchases in release 4.2, code reads both

-- migrate:upgrade
-- migrate:lint-ignore drop-column name has been unused since release 4.0 and was archived
ALTER TABLE users DROP COLUMN name;
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE users ADD COLUMN status text DEFAULT 'new';

-- migrate:downgrade
ALTER TABLE users DROP COLUMN status;
ALTER TABLE purchases RENAME TO orders;
ALTER TABLE users ADD COLUMN name text;
