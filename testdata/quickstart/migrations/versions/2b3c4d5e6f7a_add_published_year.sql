-- migrate:id 2b3c4d5e6f7a
-- migrate:revises 1a2b3c4d5e6f
-- migrate:message add books.published_year and an index on titles
-- migrate:create_date 2025-01-11 09:00:00

-- migrate:upgrade
ALTER TABLE books ADD COLUMN published_year integer;
CREATE INDEX ix_books_title ON books (title);

-- migrate:downgrade
DROP INDEX ix_books_title;
ALTER TABLE books DROP COLUMN published_year;
