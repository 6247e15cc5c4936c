-- migrate:id a2
-- migrate:revises a1
-- migrate:message create posts

-- migrate:upgrade
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL, title varchar(100));
CREATE INDEX ix_posts_user ON posts (user_id);

-- migrate:downgrade
DROP TABLE posts;
