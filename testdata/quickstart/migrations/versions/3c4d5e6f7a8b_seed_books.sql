-- migrate:id 3c4d5e6f7a8b
-- migrate:revises 2b3c4d5e6f7a
-- migrate:message seed the first books
-- migrate:create_date 2025-01-12 09:00:00

-- migrate:upgrade
INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Italo Calvino');
INSERT INTO books (id, author_id, title, published_year) VALUES
    (1, 1, 'The Dispossessed', 1974),
    (2, 2, 'Invisible Cities', 1972);

-- migrate:downgrade
DELETE FROM books WHERE id IN (1, 2);
DELETE FROM authors WHERE id IN (1, 2);
