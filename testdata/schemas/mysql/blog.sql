-- A blog on MariaDB: JSON columns, collations, check constraints with
-- strings, self-references, composite foreign keys and a sequence.

CREATE SEQUENCE post_ids START WITH 10 INCREMENT BY 5 MINVALUE 10 MAXVALUE 1000000 CYCLE;

CREATE TABLE authors (
	id int NOT NULL AUTO_INCREMENT,
	handle varchar(64) COLLATE utf8mb4_bin NOT NULL,
	display_name varchar(120) NOT NULL DEFAULT '',
	bio text,
	settings json DEFAULT NULL,
	role enum('reader','writer','editor','admin') NOT NULL DEFAULT 'writer',
	PRIMARY KEY (id),
	CONSTRAINT uq_authors_handle UNIQUE (handle),
	CONSTRAINT ck_authors_handle CHECK (handle <> '' AND handle NOT LIKE '% %')
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE posts (
	id bigint NOT NULL,
	author_id int NOT NULL,
	slug varchar(191) NOT NULL,
	title varchar(300) NOT NULL,
	body longtext NOT NULL,
	meta json NOT NULL DEFAULT '{}',
	state enum('draft','published','archived') NOT NULL DEFAULT 'draft',
	published_at datetime DEFAULT NULL,
	word_count int unsigned NOT NULL DEFAULT 0,
	reading_minutes int GENERATED ALWAYS AS (word_count DIV 200) VIRTUAL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_posts_author_slug (author_id, slug),
	KEY ix_posts_state_published (state, published_at DESC),
	KEY ix_posts_title (title(50)),
	CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES authors (id),
	CONSTRAINT ck_posts_state CHECK (state <> 'published' OR published_at IS NOT NULL)
) COMMENT='posts, one row per revision''s head';

CREATE TABLE comments (
	post_id bigint NOT NULL,
	comment_no int NOT NULL,
	parent_no int DEFAULT NULL,
	author_name varchar(100) NOT NULL DEFAULT 'anonymous',
	body text NOT NULL,
	score double NOT NULL DEFAULT 0,
	created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (post_id, comment_no),
	KEY ix_comments_parent (post_id, parent_no),
	CONSTRAINT fk_comments_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
	CONSTRAINT fk_comments_parent FOREIGN KEY (post_id, parent_no) REFERENCES comments (post_id, comment_no) ON DELETE CASCADE
) COMMENT 'threaded comments';

CREATE TABLE tags (
	name varchar(50) NOT NULL PRIMARY KEY,
	colour char(7) NOT NULL DEFAULT '#cccccc' COMMENT 'CSS colour, like ''#rrggbb'''
);

CREATE TABLE post_tags (
	post_id bigint NOT NULL,
	tag varchar(50) NOT NULL,
	PRIMARY KEY (post_id, tag),
	KEY ix_post_tags_tag (tag),
	FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
	FOREIGN KEY (tag) REFERENCES tags (name) ON UPDATE CASCADE
);

CREATE VIEW published_posts AS
	SELECT p.id, p.slug, a.handle
	FROM posts p JOIN authors a ON a.id = p.author_id
	WHERE p.state = 'published';
