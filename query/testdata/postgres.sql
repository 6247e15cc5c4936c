-- select_columns
SELECT "u"."id", "u"."name" FROM "users" AS "u" ORDER BY "u"."id";
-- args: []
SELECT "u"."id", "u"."name" FROM "users" AS "u" ORDER BY "u"."id";

-- select_star_where
SELECT "users"."name" FROM "users" WHERE ("users"."id" = $1);
-- args: [2]
SELECT "users"."name" FROM "users" WHERE ("users"."id" = 2);

-- select_distinct
SELECT DISTINCT "u"."manager_id" FROM "users" AS "u" WHERE ("u"."manager_id" IS NOT NULL) ORDER BY "u"."manager_id";
-- args: []
SELECT DISTINCT "u"."manager_id" FROM "users" AS "u" WHERE ("u"."manager_id" IS NOT NULL) ORDER BY "u"."manager_id";

-- select_expressions
SELECT ("u"."age" + $1) AS "next", ("u"."name" || $2) AS "shout", (("u"."age" - $3) * $4) AS "calc" FROM "users" AS "u" WHERE ("u"."id" = $5);
-- args: [1, "!", 10, 2, 1]
SELECT ("u"."age" + 1) AS "next", ("u"."name" || '!') AS "shout", (("u"."age" - 10) * 2) AS "calc" FROM "users" AS "u" WHERE ("u"."id" = 1);

-- join_inner
SELECT "u"."name", "o"."amount" FROM "users" AS "u" JOIN "orders" AS "o" ON ("o"."user_id" = "u"."id") ORDER BY "o"."id";
-- args: []
SELECT "u"."name", "o"."amount" FROM "users" AS "u" JOIN "orders" AS "o" ON ("o"."user_id" = "u"."id") ORDER BY "o"."id";

-- join_left_group_having
SELECT "u"."name", COUNT("o"."id") AS "n" FROM "users" AS "u" LEFT JOIN "orders" AS "o" ON ("o"."user_id" = "u"."id") GROUP BY "u"."id", "u"."name" HAVING (COUNT("o"."id") < $1) ORDER BY "u"."id";
-- args: [2]
SELECT "u"."name", COUNT("o"."id") AS "n" FROM "users" AS "u" LEFT JOIN "orders" AS "o" ON ("o"."user_id" = "u"."id") GROUP BY "u"."id", "u"."name" HAVING (COUNT("o"."id") < 2) ORDER BY "u"."id";

-- join_right
SELECT "u"."name", "o"."id" FROM "orders" AS "o" RIGHT JOIN "users" AS "u" ON ("o"."user_id" = "u"."id") WHERE ("o"."id" IS NULL);
-- args: []
SELECT "u"."name", "o"."id" FROM "orders" AS "o" RIGHT JOIN "users" AS "u" ON ("o"."user_id" = "u"."id") WHERE ("o"."id" IS NULL);

-- join_full
SELECT COUNT(*) FROM "orders" AS "o" FULL JOIN "users" AS "u" ON ("o"."user_id" = "u"."id");
-- args: []
SELECT COUNT(*) FROM "orders" AS "o" FULL JOIN "users" AS "u" ON ("o"."user_id" = "u"."id");

-- join_cross
SELECT COUNT(*) FROM "users" AS "u" CROSS JOIN "orders" AS "o";
-- args: []
SELECT COUNT(*) FROM "users" AS "u" CROSS JOIN "orders" AS "o";

-- join_self_alias
SELECT "u"."name" AS "employee", "m"."name" AS "manager" FROM "users" AS "u" JOIN "users" AS "m" ON ("m"."id" = "u"."manager_id") ORDER BY "u"."id";
-- args: []
SELECT "u"."name" AS "employee", "m"."name" AS "manager" FROM "users" AS "u" JOIN "users" AS "m" ON ("m"."id" = "u"."manager_id") ORDER BY "u"."id";

-- group_sum_having
SELECT "o"."user_id", SUM("o"."amount") AS "total" FROM "orders" AS "o" GROUP BY "o"."user_id" HAVING (SUM("o"."amount") > $1) ORDER BY SUM("o"."amount") DESC;
-- args: [100]
SELECT "o"."user_id", SUM("o"."amount") AS "total" FROM "orders" AS "o" GROUP BY "o"."user_id" HAVING (SUM("o"."amount") > 100) ORDER BY SUM("o"."amount") DESC;

-- limit_offset
SELECT "u"."id" FROM "users" AS "u" ORDER BY "u"."id" LIMIT 2 OFFSET 1;
-- args: []
SELECT "u"."id" FROM "users" AS "u" ORDER BY "u"."id" LIMIT 2 OFFSET 1;

-- offset_only
SELECT "u"."id" FROM "users" AS "u" ORDER BY "u"."id" OFFSET 3;
-- args: []
SELECT "u"."id" FROM "users" AS "u" ORDER BY "u"."id" OFFSET 3;

-- in_subquery
SELECT "u"."name" FROM "users" AS "u" WHERE ("u"."id" IN (SELECT "o"."user_id" FROM "orders" AS "o")) ORDER BY "u"."id";
-- args: []
SELECT "u"."name" FROM "users" AS "u" WHERE ("u"."id" IN (SELECT "o"."user_id" FROM "orders" AS "o")) ORDER BY "u"."id";

-- not_in_list
SELECT "u"."name" FROM "users" AS "u" WHERE ("u"."id" NOT IN ($1, $2)) ORDER BY "u"."id";
-- args: [1, 2]
SELECT "u"."name" FROM "users" AS "u" WHERE ("u"."id" NOT IN (1, 2)) ORDER BY "u"."id";

-- in_empty_list
SELECT COUNT(*) FROM "users" AS "u" WHERE (1 = 0);
-- args: []
SELECT COUNT(*) FROM "users" AS "u" WHERE (1 = 0);

-- exists
SELECT "u"."name" FROM "users" AS "u" WHERE (EXISTS (SELECT CAST($1 AS bigint) FROM "orders" AS "o" WHERE (("o"."user_id" = "u"."id") AND ("o"."amount" > $2)))) ORDER BY "u"."id";
-- args: [1, 200]
SELECT "u"."name" FROM "users" AS "u" WHERE (EXISTS (SELECT 1 FROM "orders" AS "o" WHERE (("o"."user_id" = "u"."id") AND ("o"."amount" > 200)))) ORDER BY "u"."id";

-- not_exists
SELECT "u"."name" FROM "users" AS "u" WHERE (NOT EXISTS (SELECT CAST($1 AS bigint) FROM "orders" AS "o" WHERE ("o"."user_id" = "u"."id")));
-- args: [1]
SELECT "u"."name" FROM "users" AS "u" WHERE (NOT EXISTS (SELECT 1 FROM "orders" AS "o" WHERE ("o"."user_id" = "u"."id")));

-- scalar_subquery
SELECT "u"."name", (SELECT COUNT(*) FROM "orders" AS "o" WHERE ("o"."user_id" = "u"."id")) AS "n" FROM "users" AS "u" ORDER BY "u"."id" LIMIT 2;
-- args: []
SELECT "u"."name", (SELECT COUNT(*) FROM "orders" AS "o" WHERE ("o"."user_id" = "u"."id")) AS "n" FROM "users" AS "u" ORDER BY "u"."id" LIMIT 2;

-- derived_table
SELECT "user_id", "total" FROM (SELECT "o"."user_id", SUM("o"."amount") AS "total" FROM "orders" AS "o" GROUP BY "o"."user_id") AS "t" WHERE ("total" >= $1) ORDER BY "user_id";
-- args: [300]
SELECT "user_id", "total" FROM (SELECT "o"."user_id", SUM("o"."amount") AS "total" FROM "orders" AS "o" GROUP BY "o"."user_id") AS "t" WHERE ("total" >= 300) ORDER BY "user_id";

-- cte
WITH "big" AS (SELECT "o"."id" FROM "orders" AS "o" WHERE ("o"."amount" >= $1)) SELECT COUNT(*) FROM "big";
-- args: [100]
WITH "big" AS (SELECT "o"."id" FROM "orders" AS "o" WHERE ("o"."amount" >= 100)) SELECT COUNT(*) FROM "big";

-- cte_recursive
WITH RECURSIVE "chain" ("id", "manager_id") AS (SELECT "u"."id", "u"."manager_id" FROM "users" AS "u" WHERE ("u"."id" = $1) UNION ALL SELECT "x"."id", "x"."manager_id" FROM "users" AS "x" JOIN "chain" AS "c" ON ("x"."id" = "c"."manager_id")) SELECT "id" FROM "chain" ORDER BY "id";
-- args: [4]
WITH RECURSIVE "chain" ("id", "manager_id") AS (SELECT "u"."id", "u"."manager_id" FROM "users" AS "u" WHERE ("u"."id" = 4) UNION ALL SELECT "x"."id", "x"."manager_id" FROM "users" AS "x" JOIN "chain" AS "c" ON ("x"."id" = "c"."manager_id")) SELECT "id" FROM "chain" ORDER BY "id";

-- union
SELECT "u"."id" FROM "users" AS "u" WHERE ("u"."id" < $1) UNION SELECT "o"."user_id" FROM "orders" AS "o" WHERE ("o"."id" = $2) ORDER BY "id";
-- args: [2, 4]
SELECT "u"."id" FROM "users" AS "u" WHERE ("u"."id" < 2) UNION SELECT "o"."user_id" FROM "orders" AS "o" WHERE ("o"."id" = 4) ORDER BY "id";

-- case_when
SELECT "u"."name", CASE WHEN ("u"."age" IS NULL) THEN $1 WHEN ("u"."age" < $2) THEN $3 ELSE $4 END AS "band" FROM "users" AS "u" ORDER BY "u"."id";
-- args: ["unknown", 30, "young", "old"]
SELECT "u"."name", CASE WHEN ("u"."age" IS NULL) THEN 'unknown' WHEN ("u"."age" < 30) THEN 'young' ELSE 'old' END AS "band" FROM "users" AS "u" ORDER BY "u"."id";

-- cast
SELECT (CAST("u"."age" AS text) || $1) FROM "users" AS "u" WHERE ("u"."id" = $2);
-- args: ["y", 1]
SELECT (CAST("u"."age" AS text) || 'y') FROM "users" AS "u" WHERE ("u"."id" = 1);

-- functions_null
SELECT upper("u"."name"), COALESCE("u"."email", $1), MAX("u"."age") FROM "users" AS "u" WHERE ("u"."email" IS NULL) GROUP BY "u"."name", "u"."email";
-- args: ["none"]
SELECT upper("u"."name"), COALESCE("u"."email", 'none'), MAX("u"."age") FROM "users" AS "u" WHERE ("u"."email" IS NULL) GROUP BY "u"."name", "u"."email";

-- position_substr
SELECT strpos("u"."email", $1), SUBSTR("u"."email", (strpos("u"."email", $2) + $3)), SUBSTR("u"."name", $4, $5), strpos($6, $7) FROM "users" AS "u" WHERE ("u"."id" = $8);
-- args: ["@", "@", 1, 1, 2, "xyz", "z", 1]
SELECT strpos("u"."email", '@'), SUBSTR("u"."email", (strpos("u"."email", '@') + 1)), SUBSTR("u"."name", 1, 2), strpos('xyz', 'z') FROM "users" AS "u" WHERE ("u"."id" = 1);

-- eq_nil_is_null
SELECT COUNT(*) FROM "users" AS "u" WHERE ("u"."age" IS NULL);
-- args: []
SELECT COUNT(*) FROM "users" AS "u" WHERE ("u"."age" IS NULL);

-- between_like_or_not
SELECT "u"."name" FROM "users" AS "u" WHERE (("u"."age" BETWEEN $1 AND $2) OR (("u"."name" LIKE $3) AND (NOT ("u"."id" = $4)))) ORDER BY "u"."id";
-- args: [26, 35, "d%", 1]
SELECT "u"."name" FROM "users" AS "u" WHERE (("u"."age" BETWEEN 26 AND 35) OR (("u"."name" LIKE 'd%') AND (NOT ("u"."id" = 1)))) ORDER BY "u"."id";

-- aggregates
SELECT MIN("o"."amount"), MAX("o"."amount"), SUM("o"."amount"), COUNT(DISTINCT "o"."user_id") FROM "orders" AS "o";
-- args: []
SELECT MIN("o"."amount"), MAX("o"."amount"), SUM("o"."amount"), COUNT(DISTINCT "o"."user_id") FROM "orders" AS "o";

-- insert_values
INSERT INTO "users" ("id", "name", "email", "age", "manager_id") VALUES ($1, $2, $3, $4, $5);
-- args: [5, "eve", <nil>, 22, <nil>]
INSERT INTO "users" ("id", "name", "email", "age", "manager_id") VALUES (5, 'eve', NULL, 22, NULL);

-- insert_multirow
INSERT INTO "orders" ("id", "user_id", "amount") VALUES ($1, $2, $3), ($4, $5, $6), ($7, $8, $9);
-- args: [10, 3, 1, 11, 3, 2, 12, 3, 3]
INSERT INTO "orders" ("id", "user_id", "amount") VALUES (10, 3, 1), (11, 3, 2), (12, 3, 3);

-- insert_select
INSERT INTO "orders" ("id", "user_id", "amount") SELECT ("users"."id" + $1), "users"."id", "users"."age" FROM "users" WHERE ("users"."age" IS NOT NULL);
-- args: [100]
INSERT INTO "orders" ("id", "user_id", "amount") SELECT ("users"."id" + 100), "users"."id", "users"."age" FROM "users" WHERE ("users"."age" IS NOT NULL);

-- insert_with_cte
WITH "src" AS (SELECT "users"."id" FROM "users" WHERE ("users"."age" IS NULL)) INSERT INTO "orders" ("id", "user_id", "amount") SELECT ("id" + $1), "id", "id" FROM "src";
-- args: [200]
WITH "src" AS (SELECT "users"."id" FROM "users" WHERE ("users"."age" IS NULL)) INSERT INTO "orders" ("id", "user_id", "amount") SELECT ("id" + 200), "id", "id" FROM "src";

-- upsert_update
INSERT INTO "users" ("id", "name") VALUES ($1, $2), ($3, $4) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name";
-- args: [1, "ann2", 6, "fay"]
INSERT INTO "users" ("id", "name") VALUES (1, 'ann2'), (6, 'fay') ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name";

-- upsert_update_expr
INSERT INTO "orders" ("id", "user_id", "amount") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "amount" = ("orders"."amount" + EXCLUDED."amount");
-- args: [1, 1, 5]
INSERT INTO "orders" ("id", "user_id", "amount") VALUES (1, 1, 5) ON CONFLICT ("id") DO UPDATE SET "amount" = ("orders"."amount" + EXCLUDED."amount");

-- upsert_nothing
INSERT INTO "users" ("id", "name") VALUES ($1, $2) ON CONFLICT ("id") DO NOTHING;
-- args: [2, "zed"]
INSERT INTO "users" ("id", "name") VALUES (2, 'zed') ON CONFLICT ("id") DO NOTHING;

-- insert_returning
INSERT INTO "users" ("id", "name") VALUES ($1, $2) RETURNING "users"."id", "users"."name";
-- args: [7, "gus"]
INSERT INTO "users" ("id", "name") VALUES (7, 'gus') RETURNING "users"."id", "users"."name";

-- update_simple
UPDATE "users" SET "age" = ("users"."age" + $1) WHERE ("users"."age" IS NOT NULL);
-- args: [1]
UPDATE "users" SET "age" = ("users"."age" + 1) WHERE ("users"."age" IS NOT NULL);

-- update_case_null
UPDATE "users" SET "email" = CASE WHEN ("users"."email" IS NULL) THEN ("users"."name" || $1) ELSE "users"."email" END, "age" = NULL WHERE ("users"."id" = $2);
-- args: ["@none", 2]
UPDATE "users" SET "email" = CASE WHEN ("users"."email" IS NULL) THEN ("users"."name" || '@none') ELSE "users"."email" END, "age" = NULL WHERE ("users"."id" = 2);

-- update_from
UPDATE "users" SET "age" = "orders"."amount" FROM "orders" WHERE (("orders"."user_id" = "users"."id") AND ("orders"."id" = $1));
-- args: [4]
UPDATE "users" SET "age" = "orders"."amount" FROM "orders" WHERE (("orders"."user_id" = "users"."id") AND ("orders"."id" = 4));

-- update_from_derived
UPDATE "users" SET "age" = "total" FROM (SELECT "o"."user_id", SUM("o"."amount") AS "total" FROM "orders" AS "o" GROUP BY "o"."user_id") AS "t" WHERE ("t"."user_id" = "users"."id");
-- args: []
UPDATE "users" SET "age" = "total" FROM (SELECT "o"."user_id", SUM("o"."amount") AS "total" FROM "orders" AS "o" GROUP BY "o"."user_id") AS "t" WHERE ("t"."user_id" = "users"."id");

-- update_from_values
UPDATE "users" SET "name" = "v"."name", "age" = "v"."age" FROM unnest(CAST($1 AS integer[]), CAST($2 AS varchar(100)[]), CAST($3 AS integer[])) AS "v" ("id", "name", "age") WHERE ("users"."id" = "v"."id");
-- args: [[]interface {}{1, 3, 9}, []interface {}{"Ann", "Cid", "nobody"}, []interface {}{31, interface {}(nil), 1}]
UPDATE "users" SET "name" = "v"."name", "age" = "v"."age" FROM (VALUES (CAST(1 AS integer), CAST('Ann' AS varchar(100)), CAST(31 AS integer)), (3, 'Cid', NULL), (9, 'nobody', 1)) AS "v" ("id", "name", "age") WHERE ("users"."id" = "v"."id");

-- update_returning
UPDATE "users" SET "name" = $1 WHERE ("users"."id" = $2) RETURNING "users"."name";
-- args: ["bobby", 2]
UPDATE "users" SET "name" = 'bobby' WHERE ("users"."id" = 2) RETURNING "users"."name";

-- delete_in_subquery
DELETE FROM "orders" WHERE ("orders"."user_id" IN (SELECT "users"."id" FROM "users" WHERE ("users"."name" = $1)));
-- args: ["ann"]
DELETE FROM "orders" WHERE ("orders"."user_id" IN (SELECT "users"."id" FROM "users" WHERE ("users"."name" = 'ann')));

-- delete_returning
DELETE FROM "orders" WHERE ("orders"."amount" < $1) RETURNING "orders"."id";
-- args: [100]
DELETE FROM "orders" WHERE ("orders"."amount" < 100) RETURNING "orders"."id";

-- update_with_cte
WITH "big" AS (SELECT "o"."user_id" AS "uid" FROM "orders" AS "o" WHERE ("o"."amount" >= $1)) UPDATE "users" SET "age" = $2 WHERE ("users"."id" IN (SELECT "uid" FROM "big"));
-- args: [300, 40]
WITH "big" AS (SELECT "o"."user_id" AS "uid" FROM "orders" AS "o" WHERE ("o"."amount" >= 300)) UPDATE "users" SET "age" = 40 WHERE ("users"."id" IN (SELECT "uid" FROM "big"));

-- delete_with_cte
WITH "small" AS (SELECT "o"."id" AS "oid" FROM "orders" AS "o" WHERE ("o"."amount" < $1)) DELETE FROM "orders" WHERE ("orders"."id" IN (SELECT "oid" FROM "small"));
-- args: [100]
WITH "small" AS (SELECT "o"."id" AS "oid" FROM "orders" AS "o" WHERE ("o"."amount" < 100)) DELETE FROM "orders" WHERE ("orders"."id" IN (SELECT "oid" FROM "small"));

-- raw_portable
SELECT name FROM users WHERE id = $1 AND name <> '?' -- ?
 AND age > $2;
-- args: [1, 3]
SELECT name FROM users WHERE id = 1 AND name <> '?' -- ?
 AND age > 3;

-- quoting_hostile
SELECT $1 AS "we""ird`col" FROM "users" WHERE ("users"."id" = $2);
-- args: ["it's \\ \"q\"", 1]
SELECT 'it''s \ "q"' AS "we""ird`col" FROM "users" WHERE ("users"."id" = 1);

