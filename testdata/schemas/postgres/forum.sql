-- A forum from the PostgreSQL 9 era, still running: serial, bigserial and
-- smallserial keys, a sequence shared by two tables, a full-text search
-- column kept up to date by the built-in tsvector_update_trigger, an
-- audit trigger in PL/pgSQL, a SQL function reading a table it was
-- written before, views on views on views, enum types, comments,
-- per-column collations, a citext column with a case-insensitive unique
-- index, and NULLS FIRST ordering for the moderation queue.

CREATE EXTENSION citext;

CREATE TYPE topic_state AS ENUM ('open', 'locked', 'hidden');

CREATE SEQUENCE global_post_number;
COMMENT ON SEQUENCE global_post_number IS 'numbers posts and replies together';

CREATE TABLE forums (
    id       smallserial PRIMARY KEY,
    name     varchar(80) NOT NULL,
    position smallint NOT NULL DEFAULT 0
);

-- Two tables whose names differ only in case, as PostgREST's fixtures
-- have: PostgreSQL keeps them apart.
CREATE TABLE "Badge" (id integer PRIMARY KEY, "Name" text NOT NULL, name text);
CREATE TABLE badge (id integer PRIMARY KEY, label text);

CREATE TABLE members (
    id         serial PRIMARY KEY,
    login      citext NOT NULL UNIQUE,
    real_name  text COLLATE "C",
    joined_on  date NOT NULL DEFAULT CURRENT_DATE,
    post_count integer NOT NULL DEFAULT 0
);
COMMENT ON COLUMN members.login IS 'case-insensitive';

CREATE TABLE topics (
    id          bigserial PRIMARY KEY,
    forum_id    smallint NOT NULL REFERENCES forums ON DELETE CASCADE,
    author_id   integer REFERENCES members ON DELETE SET NULL,
    title       varchar(200) NOT NULL,
    state       topic_state NOT NULL DEFAULT 'open',
    number      bigint NOT NULL DEFAULT nextval('global_post_number'),
    created_at  timestamp NOT NULL DEFAULT now(),
    reported_at timestamp
);
CREATE INDEX topics_forum ON topics (forum_id, created_at DESC);
CREATE INDEX topics_moderation ON topics (reported_at NULLS FIRST) WHERE state <> 'hidden';
CREATE INDEX topics_title_lower ON topics (lower(title) text_pattern_ops);

CREATE TABLE posts (
    id         bigserial PRIMARY KEY,
    topic_id   bigint NOT NULL REFERENCES topics ON DELETE CASCADE,
    author_id  integer REFERENCES members ON DELETE SET NULL,
    number     bigint NOT NULL DEFAULT nextval('global_post_number'),
    body       text NOT NULL,
    body_words integer GENERATED ALWAYS AS (array_length(regexp_split_to_array(body, '\s+'), 1)) STORED,
    search     tsvector,
    posted_at  timestamp NOT NULL DEFAULT now()
);
COMMENT ON TABLE posts IS 'replies; the first post of a topic too';
CREATE INDEX posts_search ON posts USING gin (search);
CREATE INDEX posts_topic ON posts (topic_id, number);

CREATE TRIGGER posts_search_update BEFORE INSERT OR UPDATE OF body ON posts
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', body);

CREATE TABLE member_log (
    id        bigserial PRIMARY KEY,
    member_id integer NOT NULL,
    action    text NOT NULL,
    at        timestamp NOT NULL DEFAULT now()
);

CREATE FUNCTION log_member_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_log (member_id, action) VALUES (NEW.id, TG_OP);
    RETURN NEW;
END
$$;
CREATE TRIGGER members_log AFTER INSERT OR UPDATE ON members
    FOR EACH ROW EXECUTE FUNCTION log_member_change();

CREATE FUNCTION bump_post_count() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE members SET post_count = post_count + 1 WHERE id = NEW.author_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER posts_count AFTER INSERT ON posts
    FOR EACH ROW WHEN (NEW.author_id IS NOT NULL) EXECUTE FUNCTION bump_post_count();

CREATE FUNCTION topic_reply_count(topic bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) - 1 FROM posts WHERE topic_id = topic $$;

CREATE VIEW visible_topics AS
    SELECT t.id, t.forum_id, t.title, t.created_at FROM topics t WHERE t.state <> 'hidden';
CREATE VIEW forum_activity AS
    SELECT f.id, f.name, count(v.id) AS topics, max(v.created_at) AS last_topic_at
    FROM forums f LEFT JOIN visible_topics v ON v.forum_id = f.id
    GROUP BY f.id, f.name;
CREATE VIEW busy_forums AS
    SELECT * FROM forum_activity WHERE topics > 100;
COMMENT ON VIEW busy_forums IS 'forums with over a hundred visible topics';
CREATE VIEW front_page AS
    SELECT b.name, b.topics, topic_reply_count(t.id) AS replies, t.title
    FROM busy_forums b JOIN visible_topics t ON t.forum_id = b.id;
