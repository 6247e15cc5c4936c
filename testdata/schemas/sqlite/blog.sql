/* A blog: authors, posts, tags (many to many), comments in threads, and
   a key-value settings table. */

CREATE TABLE authors (
    id        INTEGER CONSTRAINT pk_authors PRIMARY KEY AUTOINCREMENT,
    handle    VARCHAR(40) NOT NULL COLLATE NOCASE CONSTRAINT uq_authors_handle UNIQUE,
    full_name TEXT NOT NULL,
    bio       TEXT DEFAULT '',
    active    BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE posts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id    INTEGER NOT NULL,
    slug         VARCHAR(200) NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    words        INTEGER GENERATED ALWAYS AS (length(body) - length(replace(body, ' ', '')) + 1) VIRTUAL,
    state        VARCHAR(9) NOT NULL DEFAULT 'draft' CHECK ("state" IN ('draft', 'published', 'archived')),
    published_at TIMESTAMP,
    score        DOUBLE DEFAULT -1.5,
    CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE,
    CONSTRAINT uq_posts_author_slug UNIQUE (author_id, slug),
    CONSTRAINT ck_posts_published CHECK (state <> 'published' OR published_at IS NOT NULL)
);

CREATE TABLE tags (
    name  VARCHAR(50) NOT NULL PRIMARY KEY COLLATE NOCASE,
    color CHAR(7) DEFAULT '#cccccc' CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
) WITHOUT ROWID;

CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag     VARCHAR(50) NOT NULL REFERENCES tags ON UPDATE CASCADE ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag)
) WITHOUT ROWID;

CREATE TABLE comments (
    id        INTEGER PRIMARY KEY,
    post_id   INTEGER NOT NULL,
    parent_id INTEGER,
    author    TEXT NOT NULL,
    body      TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    posted_at TIMESTAMP NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    FOREIGN KEY (parent_id) REFERENCES comments (id) ON DELETE SET NULL
);

CREATE TABLE settings (
    "key"   TEXT PRIMARY KEY,
    "value" ANY,
    updated INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
) WITHOUT ROWID;

CREATE INDEX ix_posts_published ON posts (published_at DESC) WHERE state = 'published';
CREATE INDEX ix_posts_title_lower ON posts (lower(title), id);
CREATE INDEX ix_comments_thread ON comments (post_id, parent_id, posted_at);
CREATE INDEX ix_post_tags_tag ON post_tags (tag);

CREATE VIEW post_summaries (id, author, title, tag_count) AS
    SELECT p.id, a.handle, p.title, (SELECT count(*) FROM post_tags t WHERE t.post_id = p.id)
    FROM posts p JOIN authors a ON a.id = p.author_id;
