-- A multi-schema SaaS back end: the application in "app", auditing in
-- "audit", reporting views in "reporting", extensions in "extensions"
-- (citext, pg_trgm, hstore), domains (including a key whose type is a
-- domain, numbered by a sequence it owns), trigger functions in PL/pgSQL, an audit trigger on
-- several tables (one paused, one firing always), event triggers (one switched off),
-- foreign tables of a postgres_fdw and a file_fdw server (options on servers, tables and columns), a partitioned events table with a default partition,
-- generated columns, enum types, comments on everything, and views on
-- views across schemas.

CREATE SCHEMA extensions;
COMMENT ON SCHEMA extensions IS 'third-party extensions';
CREATE EXTENSION citext WITH SCHEMA extensions;
CREATE EXTENSION pg_trgm WITH SCHEMA extensions;
CREATE EXTENSION hstore WITH SCHEMA extensions;
CREATE EXTENSION postgres_fdw WITH SCHEMA extensions;
CREATE EXTENSION file_fdw WITH SCHEMA extensions;

CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';
CREATE SCHEMA audit;
CREATE SCHEMA reporting;

CREATE TYPE app.plan AS ENUM ('free', 'team', 'enterprise');
CREATE TYPE app.member_role AS ENUM ('owner', 'admin', 'member', 'guest');

CREATE DOMAIN app.email AS extensions.citext
    CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');
COMMENT ON DOMAIN app.email IS 'an e-mail address, compared without case';
CREATE DOMAIN app.slug AS varchar(63) COLLATE "C" NOT NULL
    CONSTRAINT slug_shape CHECK (VALUE ~ '^[a-z0-9-]+$');
CREATE DOMAIN app.positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN app.money_cents AS bigint DEFAULT 0 CHECK (VALUE >= 0);

CREATE FUNCTION app.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION app.touch_updated_at() IS 'keeps updated_at current';

CREATE FUNCTION app.slugify(txt text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT trim(both '-' from regexp_replace(lower(txt), '[^a-z0-9]+', '-', 'g')) $$;

-- A domain-typed key numbered the serial way (PostgreSQL refuses identity
-- on a domain).
CREATE SEQUENCE app.organisations_id_seq AS integer;
CREATE TABLE app.organisations (
    id          app.positive_int NOT NULL DEFAULT nextval('app.organisations_id_seq') PRIMARY KEY,
    slug        app.slug UNIQUE,
    name        text NOT NULL,
    plan        app.plan NOT NULL DEFAULT 'free',
    settings    extensions.hstore,
    balance     app.money_cents NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organisations_slug_matches CHECK (slug::text = app.slugify(slug::text))
);
ALTER SEQUENCE app.organisations_id_seq OWNED BY app.organisations.id;
COMMENT ON TABLE app.organisations IS 'tenants';
COMMENT ON COLUMN app.organisations.settings IS 'free-form key/values';

CREATE TABLE app.users (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        app.email NOT NULL,
    display_name text,
    name_search  text GENERATED ALWAYS AS (lower(coalesce(display_name, '') || ' ' || email::text)) STORED,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON app.users (email);
CREATE INDEX users_name_trgm ON app.users USING gin (name_search extensions.gin_trgm_ops);
CREATE INDEX users_created ON app.users (created_at DESC NULLS LAST, id);
CREATE INDEX users_name_pattern ON app.users (display_name text_pattern_ops) WHERE display_name IS NOT NULL;

CREATE TABLE app.memberships (
    organisation_id integer NOT NULL REFERENCES app.organisations (id) ON DELETE CASCADE,
    user_id         bigint NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
    role            app.member_role NOT NULL DEFAULT 'member',
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON app.memberships (user_id);

CREATE TABLE app.projects (
    id              serial PRIMARY KEY,
    organisation_id integer NOT NULL REFERENCES app.organisations (id),
    name            text NOT NULL COLLATE "C",
    tags            text[] NOT NULL DEFAULT '{}',
    archived        boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, name)
);
CREATE INDEX projects_tags ON app.projects USING gin (tags);
CREATE INDEX projects_name_ci ON app.projects (lower(name) COLLATE "POSIX" NULLS FIRST);

CREATE TRIGGER organisations_touch BEFORE UPDATE ON app.organisations
    FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
CREATE TRIGGER users_touch BEFORE UPDATE ON app.users
    FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.display_name IS DISTINCT FROM NEW.display_name)
    EXECUTE FUNCTION app.touch_updated_at();
CREATE TRIGGER projects_touch BEFORE UPDATE OF name, tags ON app.projects
    FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
COMMENT ON TRIGGER projects_touch ON app.projects IS 'only renames and tags count';

-- Auditing: one partitioned table, one trigger function for every table.
CREATE TABLE audit.events (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    at         timestamptz NOT NULL DEFAULT now(),
    table_name text NOT NULL,
    operation  char(1) NOT NULL CHECK (operation IN ('I', 'U', 'D')),
    old_row    jsonb,
    new_row    jsonb,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
COMMENT ON TABLE audit.events IS 'row changes, by month';
CREATE INDEX events_table ON audit.events (table_name, at DESC);
CREATE TABLE audit.events_2025_01 PARTITION OF audit.events
    FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE audit.events_2025_02 PARTITION OF audit.events
    FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE audit.events_default PARTITION OF audit.events DEFAULT;
CREATE INDEX events_default_new_row ON audit.events_default USING gin (new_row jsonb_path_ops);

CREATE FUNCTION audit.record() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, audit AS $$
BEGIN
    INSERT INTO audit.events (table_name, operation, old_row, new_row)
    VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, left(TG_OP, 1),
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END
$$;

CREATE TRIGGER organisations_audit AFTER INSERT OR UPDATE OR DELETE ON app.organisations
    FOR EACH ROW EXECUTE FUNCTION audit.record();
CREATE TRIGGER memberships_audit AFTER INSERT OR DELETE ON app.memberships
    FOR EACH ROW EXECUTE FUNCTION audit.record();
-- Membership auditing is paused while memberships are backfilled; the
-- organisation audit also records the rows logical replication replays.
ALTER TABLE app.memberships DISABLE TRIGGER memberships_audit;
ALTER TABLE app.organisations ENABLE ALWAYS TRIGGER organisations_audit;

-- DDL guard: an event trigger that refuses to drop audit tables.
CREATE FUNCTION audit.forbid_audit_drops() RETURNS event_trigger
    LANGUAGE plpgsql AS $$
DECLARE
    obj record;
BEGIN
    FOR obj IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
        IF obj.schema_name = 'audit' AND obj.object_type = 'table' AND obj.original THEN
            RAISE EXCEPTION 'audit tables are kept: %', obj.object_identity;
        END IF;
    END LOOP;
END
$$;
CREATE EVENT TRIGGER forbid_audit_drops ON sql_drop
    WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA')
    EXECUTE FUNCTION audit.forbid_audit_drops();
COMMENT ON EVENT TRIGGER forbid_audit_drops IS 'audit history is append-only';

-- A DDL log for maintenance windows, switched off between them.
CREATE FUNCTION audit.log_ddl() RETURNS event_trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE LOG 'DDL: %', tg_tag;
END
$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end
    EXECUTE FUNCTION audit.log_ddl();
ALTER EVENT TRIGGER log_ddl DISABLE;

-- Reporting: views on views across schemas, and a SQL function reading them.
CREATE VIEW reporting.active_projects WITH (security_invoker = true, security_barrier) AS
    SELECT p.id, p.organisation_id, p.name FROM app.projects p WHERE NOT p.archived
    WITH LOCAL CHECK OPTION;
CREATE VIEW reporting.organisation_sizes AS
    SELECT o.id, o.name, count(m.user_id) AS members
    FROM app.organisations o LEFT JOIN app.memberships m ON m.organisation_id = o.id
    GROUP BY o.id, o.name;
CREATE VIEW reporting.organisation_overview AS
    SELECT s.id, s.name, s.members,
           (SELECT count(*) FROM reporting.active_projects a WHERE a.organisation_id = s.id) AS projects
    FROM reporting.organisation_sizes s;
COMMENT ON VIEW reporting.organisation_overview IS 'members and live projects per tenant';
CREATE VIEW reporting.big_organisations AS
    SELECT * FROM reporting.organisation_overview WHERE members >= 10;

-- Revenue still lives in the old billing database, read through
-- postgres_fdw; exchange rates come from a CSV file the finance team drops.
CREATE SERVER legacy_billing FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'billing.internal', port '5432', dbname 'billing', fetch_size '500');
COMMENT ON SERVER legacy_billing IS 'the billing system before the rewrite';
CREATE SERVER finance_files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE reporting.legacy_invoices (
    invoice_no    integer NOT NULL,
    organisation  integer NOT NULL,
    issued_on     date NOT NULL,
    amount_cents  app.money_cents OPTIONS (column_name 'amount'),
    currency      char(3) COLLATE "C" NOT NULL DEFAULT 'EUR',
    note          text,
    CONSTRAINT legacy_invoices_amount CHECK (amount_cents >= 0)
) SERVER legacy_billing OPTIONS (schema_name 'public', table_name 'invoices', updatable 'false');
COMMENT ON FOREIGN TABLE reporting.legacy_invoices IS 'read-only; billing owns the rows';
CREATE FOREIGN TABLE reporting.exchange_rates (
    currency char(3) NOT NULL,
    day      date NOT NULL,
    rate     numeric(12, 6) NOT NULL
) SERVER finance_files OPTIONS (filename '/srv/finance/rates.csv', format 'csv', header 'true');
CREATE VIEW reporting.revenue_eur AS
    SELECT i.organisation, date_trunc('month', i.issued_on) AS month,
           sum(i.amount_cents * COALESCE(r.rate, 1)) AS cents
    FROM reporting.legacy_invoices i
    LEFT JOIN reporting.exchange_rates r ON r.currency = i.currency AND r.day = i.issued_on
    GROUP BY 1, 2;

CREATE FUNCTION reporting.members_of(org integer) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT members FROM reporting.organisation_sizes WHERE id = org $$;

CREATE PROCEDURE app.archive_project(project integer)
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE app.projects SET archived = true WHERE id = project;
END
$$;

-- Tenant isolation with row-level security: each connection sets
-- app.organisation_id; projects are filtered by it, and the owner is
-- subject to the policies too.
ALTER TABLE app.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_tenant ON app.projects
    USING (organisation_id = current_setting('app.organisation_id')::integer);
CREATE POLICY projects_no_archived_writes ON app.projects AS RESTRICTIVE
    FOR UPDATE TO CURRENT_USER
    USING (NOT archived) WITH CHECK (NOT archived);
COMMENT ON POLICY projects_tenant ON app.projects IS 'one tenant per connection';
ALTER TABLE app.memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY memberships_insert ON app.memberships FOR INSERT
    WITH CHECK (organisation_id = current_setting('app.organisation_id')::integer);

-- A table without columns (PostgreSQL allows them): billing runs take
-- LOCK TABLE app.billing_run_lock IN EXCLUSIVE MODE to run one at a time.
CREATE TABLE app.billing_run_lock ();
COMMENT ON TABLE app.billing_run_lock IS 'locked by billing runs; holds no rows';

-- A SQL function written for the application's search_path (app): its
-- body names the table without a schema, so it only loads where bodies
-- are not checked against another search_path (pg_dump sets
-- check_function_bodies = false for this).
SET search_path = app, public;
CREATE FUNCTION app.member_count(org bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM memberships WHERE organisation_id = org $$;
RESET search_path;

-- A domain over a table's row type, and a function returning it, as
-- PostgREST's fixtures have: both need the table first.
CREATE DOMAIN app.project_row AS app.projects;
CREATE FUNCTION app.live_projects() RETURNS SETOF app.project_row
    LANGUAGE sql STABLE
    AS $$ SELECT p::app.project_row FROM app.projects p WHERE NOT p.archived $$;

-- A domain with casts to and from JSON, as PostgREST's fixtures declare
-- for their representations, one with a comment, one WITH INOUT.
CREATE DOMAIN app.color AS integer CHECK (VALUE >= 0 AND VALUE <= 16777215);
CREATE FUNCTION app.color(json) RETURNS app.color
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT ('x' || lpad(ltrim($1 #>> '{}', '#'), 8, '0'))::bit(32)::integer $$;
CREATE FUNCTION app.json(app.color) RETURNS json
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT to_json('#' || lpad(to_hex($1), 6, '0')) $$;
CREATE CAST (app.color AS json) WITH FUNCTION app.json(app.color) AS IMPLICIT;
CREATE CAST (json AS app.color) WITH FUNCTION app.color(json) AS IMPLICIT;
CREATE CAST (text AS app.color) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (app.color AS json) IS 'colors read as #rrggbb';

-- A timestamp domain whose column default is written as a date (PostgREST's
-- datarep_todos.due_at): the server keeps the date cast.
CREATE DOMAIN app.isodate AS timestamp with time zone;
CREATE TABLE app.todos (
    id     integer PRIMARY KEY,
    due_at app.isodate DEFAULT '2018-01-01'::date
);
