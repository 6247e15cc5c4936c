-- A note-taking app from the Android 4 days, whose database was always
-- made by the platform's SQLite (FTS3 and FTS4 compiled in): notes in
-- folders with tags, a full-text index of the notes in FTS4 over the notes
-- table (external content, kept in sync by triggers), an FTS3 index of
-- the bundled help pages, and a search view joining the index back to the
-- notes. Loaded with the sqlite3 command-line tool: the SQLite that
-- migrate links (modernc.org/sqlite) has FTS5 but neither FTS3 nor FTS4.

CREATE TABLE folders (
	_id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE notes (
	_id INTEGER PRIMARY KEY AUTOINCREMENT,
	folder_id INTEGER REFERENCES folders (_id) ON DELETE SET NULL,
	title TEXT,
	body TEXT NOT NULL DEFAULT '',
	created INTEGER NOT NULL,
	modified INTEGER NOT NULL,
	pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1))
);
CREATE INDEX notes_folder ON notes (folder_id, modified DESC);

CREATE TABLE tags (
	_id INTEGER PRIMARY KEY,
	label TEXT NOT NULL COLLATE NOCASE UNIQUE
);

CREATE TABLE note_tags (
	note_id INTEGER NOT NULL REFERENCES notes (_id) ON DELETE CASCADE,
	tag_id INTEGER NOT NULL REFERENCES tags (_id) ON DELETE CASCADE,
	PRIMARY KEY (note_id, tag_id)
);

-- Full-text index of the notes, its text read from the notes table.
CREATE VIRTUAL TABLE notes_fts USING fts4(content="notes", title, body, tokenize=porter);

CREATE TRIGGER notes_fts_bu BEFORE UPDATE ON notes BEGIN
	DELETE FROM notes_fts WHERE docid = old._id;
END;
CREATE TRIGGER notes_fts_bd BEFORE DELETE ON notes BEGIN
	DELETE FROM notes_fts WHERE docid = old._id;
END;
CREATE TRIGGER notes_fts_au AFTER UPDATE ON notes BEGIN
	INSERT INTO notes_fts (docid, title, body) VALUES (new._id, new.title, new.body);
END;
CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes BEGIN
	INSERT INTO notes_fts (docid, title, body) VALUES (new._id, new.title, new.body);
END;

-- The help pages shipped with the app, indexed with FTS3 (older builds).
CREATE VIRTUAL TABLE help_pages USING fts3(topic, text);

CREATE VIEW note_search AS
	SELECT n._id, n.title, n.modified, f.name AS folder
	FROM notes_fts s
	JOIN notes n ON n._id = s.docid
	LEFT JOIN folders f ON f._id = n.folder_id;
