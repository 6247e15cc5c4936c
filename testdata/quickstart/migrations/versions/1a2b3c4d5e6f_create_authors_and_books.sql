-- migrate:id 1a2b3c4d5e6f
-- migrate:message create authors and books
-- migrate:create_date 2025-01-10 09:00:00

-- migrate:upgrade
CREATE TABLE authors (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);

CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id),
    title varchar(200) NOT NULL
);

-- migrate:downgrade
DROP TABLE books;
DROP TABLE authors;
