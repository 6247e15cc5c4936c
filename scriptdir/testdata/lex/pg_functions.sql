-- PostgreSQL: dollar quotes, E strings, nested comments, BEGIN ATOMIC.
CREATE FUNCTION add_one(a integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  RETURN a + 1; -- inside a dollar body
END;
$$;

CREATE FUNCTION tagged() RETURNS text AS $fn$ SELECT '$$;' || $q$;$q$ $fn$ LANGUAGE sql;

/* outer /* inner; */ still a comment; */
SELECT E'it\'s; escaped', 'plain\', $1, a$b;

CREATE FUNCTION atomic_body(x int) RETURNS int
LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN x ELSE -x END;
  SELECT x + 1;
END;

BEGIN;
COMMIT;
