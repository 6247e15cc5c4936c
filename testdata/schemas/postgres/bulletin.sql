-- A bulletin board in the style of phpBB's PostgreSQL schema: domains for
-- case-insensitive names and unsigned counters, one over another and
-- created out of name order, and timestamp defaults written as dates
-- ('2018-01-01'), which the server stores spelled out
-- ('2018-01-01 00:00:00+00'::timestamp with time zone).

CREATE DOMAIN varchar_ci AS varchar(255) NOT NULL DEFAULT '';
CREATE DOMAIN uint AS integer CHECK (VALUE >= 0);
CREATE DOMAIN post_total AS uint DEFAULT 0;
CREATE DOMAIN bbcode_uid AS varchar(8) DEFAULT '';
CREATE DOMAIN agreed_on AS date DEFAULT '2018-05-25';

CREATE TABLE bb_users (
    user_id       serial PRIMARY KEY,
    username      varchar_ci,
    user_posts    post_total NOT NULL,
    user_regdate  timestamptz NOT NULL DEFAULT '2018-01-01',
    user_lastpost timestamptz DEFAULT '2018-01-01 12:30:00+02',
    user_birthday date DEFAULT '1970-01-01',
    user_gdpr     agreed_on,
    user_tz_local timestamp DEFAULT '2018-01-01',
    user_wakeup   time DEFAULT '07:30'
);
CREATE UNIQUE INDEX bb_users_username ON bb_users (lower(username));

CREATE TABLE bb_posts (
    post_id     serial PRIMARY KEY,
    poster_id   integer NOT NULL REFERENCES bb_users ON DELETE CASCADE,
    bbcode      bbcode_uid NOT NULL,
    post_text   text NOT NULL DEFAULT '',
    post_time   timestamptz NOT NULL DEFAULT '2018-01-01',
    edit_count  uint NOT NULL DEFAULT 0
);
CREATE INDEX bb_posts_poster ON bb_posts (poster_id, post_time DESC);

-- phpBB's PostgreSQL schema concatenates with an operator of its own,
-- over a function of its own, and compares names without case through
-- another (with its commutator and negator, and a comment).
CREATE FUNCTION _concat(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT $1 || $2 $$;
CREATE OPERATOR ||| (FUNCTION = _concat, LEFTARG = text, RIGHTARG = text);

CREATE FUNCTION _ci_equal(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE FUNCTION _ci_differ(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT lower($1) <> lower($2) $$;
CREATE OPERATOR =~= (FUNCTION = _ci_equal, LEFTARG = text, RIGHTARG = text,
    COMMUTATOR = =~=, NEGATOR = <~>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <~> (FUNCTION = _ci_differ, LEFTARG = text, RIGHTARG = text,
    COMMUTATOR = <~>, NEGATOR = =~=, RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR =~= (text, text) IS 'equal without case';

CREATE FUNCTION _negate_uint(integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT -$1 $$;
CREATE OPERATOR ~- (FUNCTION = _negate_uint, RIGHTARG = integer);

CREATE VIEW bb_user_titles AS
    SELECT u.user_id, u.username ||| ' (' ||| (u.user_posts::text) ||| ')' AS title
    FROM bb_users u
    WHERE u.username <~> 'Anonymous';
CREATE TABLE bb_bans (
    ban_id    serial PRIMARY KEY,
    ban_name  text NOT NULL CHECK (NOT (ban_name =~= 'admin')),
    ban_shift integer NOT NULL DEFAULT (~- 1)
);
