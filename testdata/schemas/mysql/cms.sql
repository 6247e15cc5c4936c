-- A CMS on MariaDB: full-text search, revisions kept by triggers, stored
-- functions and procedures (a function used by a view and by a generated
-- column default, a procedure with OUT and INOUT parameters, a function
-- and a trigger created under another sql_mode), scheduled events, and a
-- view on a view.

CREATE TABLE pages (
	id int unsigned NOT NULL AUTO_INCREMENT,
	slug varchar(200) NOT NULL,
	title varchar(300) NOT NULL,
	body longtext NOT NULL,
	status enum('draft','published','archived') NOT NULL DEFAULT 'draft',
	published_at datetime DEFAULT NULL,
	updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
	revision int unsigned NOT NULL DEFAULT 0,
	title_length int AS (CHAR_LENGTH(title)) VIRTUAL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_pages_slug (slug),
	FULLTEXT KEY ft_pages (title, body),
	KEY ix_pages_status_published (status, published_at DESC)
) COMMENT='pages of the site';

CREATE TABLE page_revisions (
	page_id int unsigned NOT NULL,
	revision int unsigned NOT NULL,
	title varchar(300) NOT NULL,
	body longtext NOT NULL,
	saved_at timestamp NOT NULL DEFAULT current_timestamp(),
	PRIMARY KEY (page_id, revision),
	CONSTRAINT fk_page_revisions_page FOREIGN KEY (page_id) REFERENCES pages (id) ON DELETE CASCADE
);

CREATE TABLE revision_reviews (
	page_id int unsigned NOT NULL,
	revision int unsigned NOT NULL,
	reviewer varchar(100) NOT NULL,
	verdict enum('ok','changes') NOT NULL,
	PRIMARY KEY (page_id, revision, reviewer),
	CONSTRAINT fk_revision_reviews_revision FOREIGN KEY (page_id, revision) REFERENCES page_revisions (page_id, revision) ON DELETE CASCADE
);

CREATE TABLE page_views (
	page_id int unsigned NOT NULL,
	day date NOT NULL,
	views int unsigned NOT NULL DEFAULT 0,
	PRIMARY KEY (page_id, day),
	CONSTRAINT fk_page_views_page FOREIGN KEY (page_id) REFERENCES pages (id) ON DELETE CASCADE
);

CREATE TABLE tags (
	id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name varchar(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	page_id int unsigned NOT NULL,
	KEY ix_tags_name (name(20)),
	CONSTRAINT fk_tags_page FOREIGN KEY (page_id) REFERENCES pages (id)
);

DELIMITER $$

CREATE FUNCTION slugify(s varchar(300)) RETURNS varchar(300)
    DETERMINISTIC
    NO SQL
    COMMENT 'lower case, dashes for spaces; it''s naive'
RETURN lower(replace(trim(s), ' ', '-'))$$

CREATE FUNCTION reading_minutes(words int) RETURNS int
    DETERMINISTIC
BEGIN
	DECLARE m int;
	SET m = CEIL(words / 200);
	RETURN GREATEST(m, 1);
END$$

-- Brought over from the previous CMS, whose routines were written for
-- PIPES_AS_CONCAT: || concatenates in them, where it would mean OR. Saved
-- and restored as mysqldump does.
SET @saved_sql_mode = @@sql_mode$$
SET sql_mode = 'PIPES_AS_CONCAT,STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'$$
CREATE FUNCTION page_byline(title varchar(300), words int) RETURNS varchar(400)
    DETERMINISTIC
    NO SQL
RETURN title || ' (' || reading_minutes(words) || ' min read)'$$
CREATE TRIGGER page_revisions_bi BEFORE INSERT ON page_revisions FOR EACH ROW
	SET NEW.title = NEW.title || ' [rev ' || NEW.revision || ']'$$
SET sql_mode = @saved_sql_mode$$

CREATE PROCEDURE publish_page(IN p_id int unsigned, OUT p_revision int, INOUT note varchar(100) CHARSET latin1)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
	UPDATE pages SET status = 'published', published_at = NOW() WHERE id = p_id;
	SELECT revision INTO p_revision FROM pages WHERE id = p_id;
	SET note = CONCAT(COALESCE(note, ''), 'published;');
END$$

CREATE PROCEDURE purge_archived()
BEGIN
	DELETE FROM pages WHERE status = 'archived' AND updated_at < NOW() - INTERVAL 1 YEAR;
END$$

CREATE TRIGGER pages_bi BEFORE INSERT ON pages FOR EACH ROW
	SET NEW.slug = IF(NEW.slug = '', slugify(NEW.title), NEW.slug)$$

CREATE TRIGGER pages_bu BEFORE UPDATE ON pages FOR EACH ROW
BEGIN
	IF NEW.body <> OLD.body OR NEW.title <> OLD.title THEN
		SET NEW.revision = OLD.revision + 1;
	END IF;
END$$

CREATE TRIGGER pages_au AFTER UPDATE ON pages FOR EACH ROW
BEGIN
	IF NEW.revision <> OLD.revision THEN
		INSERT INTO page_revisions (page_id, revision, title, body) VALUES (OLD.id, OLD.revision, OLD.title, OLD.body);
	END IF;
END$$

CREATE TRIGGER pages_bu_first BEFORE UPDATE ON pages FOR EACH ROW PRECEDES pages_bu
	SET NEW.title = TRIM(NEW.title)$$

CREATE EVENT purge_archived_nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00'
	ON COMPLETION PRESERVE DISABLE COMMENT 'runs purge_archived'
	DO CALL purge_archived()$$

CREATE EVENT views_rollup ON SCHEDULE EVERY '1:30' HOUR_MINUTE STARTS '2030-01-01 00:00:00' ENDS '2037-01-01 00:00:00'
	DO DELETE FROM page_views WHERE day < CURDATE() - INTERVAL 2 YEAR$$

CREATE EVENT launch ON SCHEDULE AT '2035-06-01 12:00:00' ON COMPLETION NOT PRESERVE
	DO UPDATE pages SET status = 'published' WHERE slug = 'launch'$$

DELIMITER ;

CREATE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW published_pages AS
	SELECT id, slug, title, reading_minutes(CHAR_LENGTH(body) DIV 6) AS minutes FROM pages WHERE status = 'published';

CREATE ALGORITHM = TEMPTABLE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW popular_published_pages AS
	SELECT p.id, p.slug, SUM(v.views) AS views FROM published_pages p JOIN page_views v ON v.page_id = p.id GROUP BY p.id, p.slug;
