-- Points of interest with an R*Tree spatial index kept in sync by
-- triggers, a geopoly zone table, an FTS5 index with external content,
-- a STRICT table, generated columns, and views layered on each other.

CREATE TABLE poi (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'misc' CHECK (kind IN ('cafe', 'museum', 'park', 'misc')),
	lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	tags TEXT DEFAULT '[]' CHECK (json_valid(tags)),
	label TEXT GENERATED ALWAYS AS (name || ' (' || kind || ')') VIRTUAL,
	grid INTEGER GENERATED ALWAYS AS (CAST(lon AS INTEGER) * 1000 + CAST(lat AS INTEGER)) STORED
);

CREATE INDEX poi_kind ON poi (kind, name);
CREATE INDEX poi_grid ON poi (grid) WHERE grid IS NOT NULL;

CREATE VIRTUAL TABLE poi_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE VIRTUAL TABLE zones USING geopoly(name);

CREATE VIRTUAL TABLE poi_fts USING fts5(name, tags, content='poi', content_rowid='id');

CREATE TRIGGER poi_ai AFTER INSERT ON poi BEGIN
	INSERT INTO poi_rtree VALUES (new.id, new.lon, new.lon, new.lat, new.lat);
	INSERT INTO poi_fts (rowid, name, tags) VALUES (new.id, new.name, new.tags);
END;

CREATE TRIGGER poi_au AFTER UPDATE OF lon, lat ON poi BEGIN
	UPDATE poi_rtree SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat WHERE id = new.id;
END;

CREATE TRIGGER poi_ad AFTER DELETE ON poi BEGIN
	DELETE FROM poi_rtree WHERE id = old.id;
	INSERT INTO poi_fts (poi_fts, rowid, name, tags) VALUES ('delete', old.id, old.name, old.tags);
END;

CREATE TABLE visits (
	poi_id INTEGER NOT NULL REFERENCES poi (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	count INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (poi_id, day)
) STRICT, WITHOUT ROWID;

CREATE VIEW poi_in_paris AS
	SELECT p.* FROM poi p JOIN poi_rtree r ON r.id = p.id
	WHERE r.min_lon >= 2.2 AND r.max_lon <= 2.5 AND r.min_lat >= 48.8 AND r.max_lat <= 48.9;

CREATE VIEW busy_poi_in_paris AS
	SELECT p.id, p.name, sum(v.count) AS visits FROM poi_in_paris p JOIN visits v ON v.poi_id = p.id GROUP BY p.id;
