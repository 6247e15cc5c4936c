-- A forum written for SQLite 3.6 and never cleaned up: columns without a
-- type, types spelled every which way, quoted names with spaces, odd
-- DEFAULT spellings, CHECKs in column and table form, COLLATE NOCASE,
-- unnamed constraints, a text primary key without NOT NULL, an INT (not
-- INTEGER) primary key that is not a rowid alias, full-text search kept in
-- sync by triggers, views on views, and UNIQUE … ON CONFLICT clauses.

CREATE TABLE members (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	login TEXT COLLATE NOCASE UNIQUE,
	email,
	joined DEFAULT CURRENT_TIMESTAMP,
	karma DEFAULT 0,
	"display name" VARCHAR(80) DEFAULT 'anonymous',
	status varchar(10) NOT NULL DEFAULT "active" CHECK (status IN ('active', 'banned', 'gone')),
	flags int default -1,
	ratio real DEFAULT +0.5,
	avatar blob DEFAULT X'00',
	notes CLOB,
	CHECK (karma >= -100)
);

CREATE TABLE boards (
	slug TEXT PRIMARY KEY,
	title NVARCHAR(120) NOT NULL,
	"sort order" INT DEFAULT (10 * 2),
	moderator INTEGER REFERENCES members (id) ON DELETE SET NULL
);

CREATE TABLE threads (
	id INT PRIMARY KEY,
	board TEXT NOT NULL REFERENCES boards,
	author INTEGER REFERENCES members (id),
	subject,
	created DATETIME DEFAULT (datetime('now')),
	sticky BOOLEAN DEFAULT FALSE,
	FOREIGN KEY (board) REFERENCES boards (slug) ON UPDATE CASCADE
);

CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	thread INT NOT NULL,
	author INTEGER,
	body TEXT,
	posted TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT posts_thread FOREIGN KEY (thread) REFERENCES threads (id) ON DELETE CASCADE,
	FOREIGN KEY (author) REFERENCES members (id)
);

CREATE INDEX posts_by_thread ON posts (thread, posted DESC);
CREATE INDEX "members by karma" ON members (karma) WHERE karma > 0;
CREATE UNIQUE INDEX boards_title ON boards (title COLLATE NOCASE);

CREATE TABLE "read marks" (
	member INTEGER NOT NULL,
	thread INT NOT NULL,
	seen_at,
	PRIMARY KEY (member, thread)
) WITHOUT ROWID;

-- One subscription per member and thread, written the Android way: a new
-- row for the same pair replaces the old one (ON CONFLICT REPLACE), a
-- duplicate e-mail digest is ignored.
CREATE TABLE subscriptions (
	_id INTEGER PRIMARY KEY AUTOINCREMENT,
	member INTEGER NOT NULL,
	thread INTEGER NOT NULL,
	digest_key TEXT UNIQUE ON CONFLICT IGNORE,
	notify INTEGER NOT NULL DEFAULT 1,
	UNIQUE (member, thread) ON CONFLICT REPLACE
);

CREATE VIRTUAL TABLE post_search USING fts5(subject, body, content='', tokenize = 'porter unicode61');

CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN
	INSERT INTO post_search (rowid, subject, body)
	SELECT new.id, t.subject, new.body FROM threads t WHERE t.id = new.thread;
END;

CREATE TRIGGER posts_ad AFTER DELETE ON posts
BEGIN
	INSERT INTO post_search (post_search, rowid, subject, body) VALUES ('delete', old.id, NULL, old.body);
END;

CREATE TRIGGER "members touch" BEFORE UPDATE OF email ON members
FOR EACH ROW WHEN new.email IS NOT old.email
BEGIN
	UPDATE members SET karma = karma WHERE id = new.id;
END;

-- Declared before the view it reads; names sort the wrong way too.
CREATE VIEW active_members AS SELECT id, login, karma FROM members WHERE status = 'active';
CREATE VIEW top_active_members AS SELECT * FROM active_members WHERE karma > 10;
CREATE VIEW a_board_stats AS
	SELECT b.slug, count(p.id) AS posts, (SELECT count(*) FROM top_active_members) AS top
	FROM boards b LEFT JOIN threads t ON t.board = b.slug LEFT JOIN posts p ON p.thread = t.id
	GROUP BY b.slug;

CREATE VIEW "hot threads" AS SELECT * FROM threads WHERE sticky OR id IN (SELECT thread FROM posts);

CREATE TRIGGER "hot threads insert" INSTEAD OF INSERT ON "hot threads"
BEGIN
	INSERT INTO threads (id, board, subject) VALUES (new.id, new.board, new.subject);
END;

CREATE TABLE settings (
	key TEXT NOT NULL PRIMARY KEY,
	value ANY,
	updated INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
