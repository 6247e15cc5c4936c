-- migrate:id e5e5e5e5e5e5
-- migrate:message tags (a second base that depends on posts)
-- migrate:depends_on c3c3c3c3c3c3
-- migrate:create_date 2026-01-05 00:00:00

-- migrate:upgrade
CREATE TABLE tags (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);

-- migrate:downgrade
DROP TABLE tags;
