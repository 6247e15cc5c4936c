package inspect_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// postgresAllSchemas scopes an inspection to every user schema, as
// `migrate inspect --schema '*'` does.
func postgresAllSchemas(context.Context, *testing.T, *dialect.DB) inspect.Options {
	return inspect.Options{Schemas: []string{"*"}}
}

// postgresCatalogCounts counts the objects of the user schemas straight
// from pg_catalog, independently of the inspector: what a reload must
// bring back, extension members included (CREATE EXTENSION recreates
// them).
var postgresCatalogCounts = `
WITH s AS (
  SELECT oid FROM pg_catalog.pg_namespace
  WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'),
rel AS (SELECT c.* FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM s))
SELECT 'schemas', count(*) FROM s
UNION ALL SELECT 'extensions', count(*) FROM pg_catalog.pg_extension WHERE extnamespace IN (SELECT oid FROM s)
UNION ALL SELECT 'tables', count(*) FROM rel WHERE relkind IN ('r', 'p')
UNION ALL SELECT 'partitioned tables', count(*) FROM rel WHERE relkind = 'p'
UNION ALL SELECT 'partitions', count(*) FROM rel WHERE relkind IN ('r', 'p') AND relispartition
UNION ALL SELECT 'columns', count(*) FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
  WHERE rel.relkind IN ('r', 'p', 'v') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL SELECT 'not null columns', count(*) FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
  WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
UNION ALL SELECT 'column defaults', count(*) FROM pg_catalog.pg_attrdef d JOIN rel ON rel.oid = d.adrelid
UNION ALL SELECT 'generated columns', count(*) FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
  WHERE a.attgenerated <> ''
UNION ALL SELECT 'identity columns', count(*) FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
  WHERE a.attidentity <> ''
UNION ALL SELECT 'column collations', count(*) FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND a.attcollation <> t.typcollation
UNION ALL SELECT 'indexes', count(*) FROM rel WHERE relkind IN ('i', 'I')
UNION ALL SELECT 'index keys with an operator class', count(*)
  FROM pg_catalog.pg_index i JOIN rel ON rel.oid = i.indexrelid
  CROSS JOIN LATERAL generate_series(0, i.indnkeyatts - 1) k
  JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[k] WHERE NOT oc.opcdefault
UNION ALL SELECT 'index keys with NULLS FIRST/LAST', count(*)
  FROM pg_catalog.pg_index i JOIN rel ON rel.oid = i.indexrelid
  CROSS JOIN LATERAL generate_series(0, i.indnkeyatts - 1) k
  WHERE (i.indoption[k] & 1 = 0) = (i.indoption[k] & 2 <> 0)
UNION ALL SELECT 'constraints ' || contype::text, count(*) FROM pg_catalog.pg_constraint
  WHERE conrelid IN (SELECT oid FROM rel) GROUP BY contype
UNION ALL SELECT 'domain constraints', count(*) FROM pg_catalog.pg_constraint
  WHERE contypid IN (SELECT oid FROM pg_catalog.pg_type WHERE typnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'sequences', count(*) FROM rel WHERE relkind = 'S'
UNION ALL SELECT 'views', count(*) FROM rel WHERE relkind = 'v'
UNION ALL SELECT 'materialized views', count(*) FROM rel WHERE relkind = 'm'
UNION ALL SELECT 'foreign tables', count(*) FROM rel WHERE relkind = 'f'
UNION ALL SELECT 'foreign table columns', count(*) FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
  WHERE rel.relkind = 'f' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL SELECT 'foreign table ' || c.relname || ' on ' || s.srvname || ' ' || COALESCE(array_to_string(ft.ftoptions, ','), '')
    || ' ' || (SELECT string_agg(a.attname || ' ' || a.atttypid::regtype::text || ' ' || a.attnotnull || ' '
      || COALESCE(array_to_string(a.attfdwoptions, ','), '') || ' ' || a.attcollation, ',' ORDER BY a.attnum)
      FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), 1
  FROM pg_catalog.pg_foreign_table ft JOIN rel c ON c.oid = ft.ftrelid JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
UNION ALL SELECT 'foreign server ' || s.srvname || ' ' || w.fdwname || ' ' || COALESCE(array_to_string(s.srvoptions, ','), ''), 1
  FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
UNION ALL SELECT 'foreign data wrappers', count(*) FROM pg_catalog.pg_foreign_data_wrapper
UNION ALL SELECT 'foreign server comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid = 'pg_catalog.pg_foreign_server'::regclass
UNION ALL SELECT 'routines ' || prokind::text, count(*) FROM pg_catalog.pg_proc p
  WHERE pronamespace IN (SELECT oid FROM s) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
    WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
  GROUP BY prokind
UNION ALL SELECT 'extension members', count(*) FROM pg_catalog.pg_depend WHERE deptype = 'e'
  AND refobjid IN (SELECT oid FROM pg_catalog.pg_extension WHERE extnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'triggers', count(*) FROM pg_catalog.pg_trigger WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM rel)
UNION ALL SELECT 'triggers firing ' || tgenabled::text, count(*) FROM pg_catalog.pg_trigger
  WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM rel) GROUP BY tgenabled
UNION ALL SELECT 'operators', count(*) FROM pg_catalog.pg_operator WHERE oprnamespace IN (SELECT oid FROM s)
  AND oprcode <> 0
UNION ALL SELECT 'operators with a commutator', count(*) FROM pg_catalog.pg_operator WHERE oprnamespace IN (SELECT oid FROM s)
  AND oprcom <> 0
UNION ALL SELECT 'operators with a negator', count(*) FROM pg_catalog.pg_operator WHERE oprnamespace IN (SELECT oid FROM s)
  AND oprnegate <> 0
UNION ALL SELECT 'operator comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid = 'pg_catalog.pg_operator'::regclass AND objoid IN (SELECT oid FROM pg_catalog.pg_operator WHERE oprnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'rules', count(*) FROM pg_catalog.pg_rewrite WHERE rulename <> '_RETURN' AND ev_class IN (SELECT oid FROM rel)
UNION ALL SELECT 'policies', count(*) FROM pg_catalog.pg_policy WHERE polrelid IN (SELECT oid FROM rel)
UNION ALL SELECT 'restrictive policies', count(*) FROM pg_catalog.pg_policy WHERE NOT polpermissive AND polrelid IN (SELECT oid FROM rel)
UNION ALL SELECT 'tables with row security', count(*) FROM rel WHERE relrowsecurity
UNION ALL SELECT 'tables with forced row security', count(*) FROM rel WHERE relforcerowsecurity
UNION ALL SELECT 'policy comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid = 'pg_catalog.pg_policy'::regclass
UNION ALL SELECT 'event triggers', count(*) FROM pg_catalog.pg_event_trigger
UNION ALL SELECT 'event triggers firing ' || evtenabled::text, count(*) FROM pg_catalog.pg_event_trigger GROUP BY evtenabled
UNION ALL SELECT 'event trigger comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid = 'pg_catalog.pg_event_trigger'::regclass
UNION ALL SELECT 'types ' || typtype::text, count(*) FROM pg_catalog.pg_type t
  WHERE typnamespace IN (SELECT oid FROM s) AND typtype IN ('c', 'd', 'e', 'r', 'm')
    AND (typrelid = 0 OR typrelid IN (SELECT oid FROM rel WHERE relkind = 'c'))
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
  GROUP BY typtype
UNION ALL SELECT 'collations ' || collprovider::text || ' deterministic ' || collisdeterministic::text, count(*)
  FROM pg_catalog.pg_collation WHERE collnamespace IN (SELECT oid FROM s) GROUP BY 1
UNION ALL SELECT 'columns and index keys in a collation of the schemas', (SELECT count(*) FROM pg_catalog.pg_attribute a
    JOIN rel ON rel.oid = a.attrelid JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
    WHERE co.collnamespace IN (SELECT oid FROM s))
  + (SELECT count(*) FROM pg_catalog.pg_index i CROSS JOIN LATERAL unnest(i.indcollation::oid[]) AS k(coll)
    JOIN pg_catalog.pg_collation co ON co.oid = k.coll
    WHERE i.indrelid IN (SELECT oid FROM rel) AND co.collnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'collation comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid = 'pg_catalog.pg_collation'::regclass
    AND objoid IN (SELECT oid FROM pg_catalog.pg_collation WHERE collnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'text search dictionaries', count(*) FROM pg_catalog.pg_ts_dict WHERE dictnamespace IN (SELECT oid FROM s)
UNION ALL SELECT 'text search configurations', count(*) FROM pg_catalog.pg_ts_config WHERE cfgnamespace IN (SELECT oid FROM s)
UNION ALL SELECT 'text search mappings', count(*) FROM pg_catalog.pg_ts_config_map
  WHERE mapcfg IN (SELECT oid FROM pg_catalog.pg_ts_config WHERE cfgnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'text search comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid IN ('pg_catalog.pg_ts_dict'::regclass, 'pg_catalog.pg_ts_config'::regclass)
UNION ALL SELECT 'casts ' || castmethod::text || castcontext::text, count(*) FROM pg_catalog.pg_cast WHERE oid >= 16384 GROUP BY 1
UNION ALL SELECT 'operator families', count(*) FROM pg_catalog.pg_opfamily WHERE opfnamespace IN (SELECT oid FROM s)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_opfamily'::regclass AND e.objid = pg_opfamily.oid AND e.deptype = 'e')
UNION ALL SELECT 'operator classes', count(*) FROM pg_catalog.pg_opclass WHERE opcnamespace IN (SELECT oid FROM s)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_opclass'::regclass AND e.objid = pg_opclass.oid AND e.deptype = 'e')
UNION ALL SELECT 'operator family and class members', (SELECT count(*) FROM pg_catalog.pg_amop a JOIN pg_catalog.pg_opfamily f ON f.oid = a.amopfamily
    WHERE f.opfnamespace IN (SELECT oid FROM s))
  + (SELECT count(*) FROM pg_catalog.pg_amproc a JOIN pg_catalog.pg_opfamily f ON f.oid = a.amprocfamily
    WHERE f.opfnamespace IN (SELECT oid FROM s))
UNION ALL SELECT 'operator class and family comments', count(*) FROM pg_catalog.pg_description
  WHERE classoid IN ('pg_catalog.pg_opclass'::regclass, 'pg_catalog.pg_opfamily'::regclass)
UNION ALL SELECT 'cast comments', count(*) FROM pg_catalog.pg_description WHERE classoid = 'pg_catalog.pg_cast'::regclass
UNION ALL SELECT 'comments', count(*) FROM pg_catalog.pg_description d
  WHERE d.objoid IN (SELECT oid FROM rel) OR d.objoid IN (SELECT oid FROM s)
    OR d.objoid IN (SELECT oid FROM pg_catalog.pg_proc WHERE pronamespace IN (SELECT oid FROM s))
    OR d.objoid IN (SELECT oid FROM pg_catalog.pg_type WHERE typnamespace IN (SELECT oid FROM s))
    OR d.objoid IN (SELECT oid FROM pg_catalog.pg_trigger WHERE tgrelid IN (SELECT oid FROM rel))
    OR d.objoid IN (SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid IN (SELECT oid FROM rel))
    OR d.objoid IN (SELECT oid FROM pg_catalog.pg_rewrite WHERE ev_class IN (SELECT oid FROM rel))`

// pgCounts returns postgresCatalogCounts for db.
func pgCounts(ctx context.Context, t *testing.T, db *dialect.DB) map[string]int {
	t.Helper()
	rows, err := db.QueryContext(ctx, postgresCatalogCounts)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var what string
		var n int
		if err := rows.Scan(&what, &n); err != nil {
			t.Fatal(err)
		}
		out[what] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// postgresCompareExactly checks what Normalize could hide: the JSON of the
// two inspections is identical, and the recreated database holds as many
// objects of every kind as the loaded one, counted in pg_catalog.
func postgresCompareExactly(t *testing.T, md1, md2 *model.MetaData, src, dst *dialect.DB) {
	t.Helper()
	j1, err := json.MarshalIndent(md1, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	j2, err := json.MarshalIndent(md2, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if d := firstDifference(string(j1), string(j2)); d != "" {
		t.Errorf("the JSON of the recreated schema differs:\n%s", d)
	}
	ctx := context.Background()
	c1, c2 := pgCounts(ctx, t, src), pgCounts(ctx, t, dst)
	if !maps.Equal(c1, c2) {
		for _, k := range slices.Sorted(maps.Keys(c1)) {
			if c1[k] != c2[k] {
				t.Errorf("%s: %d loaded, %d recreated", k, c1[k], c2[k])
			}
		}
		for k := range c2 {
			if _, ok := c1[k]; !ok {
				t.Errorf("%s: none loaded, %d recreated", k, c2[k])
			}
		}
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(c1)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, c1[k]))
	}
	t.Logf("catalog counts: %s", strings.Join(parts, ", "))
}

// firstDifference returns the first differing line of two texts with a
// few lines of context, or "" when they are equal.
func firstDifference(a, b string) string {
	if a == b {
		return ""
	}
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(la) && i < len(lb) && la[i] == lb[i] {
		i++
	}
	from := max(0, i-6)
	ctxLines := func(ls []string) string {
		return strings.Join(ls[from:min(len(ls), i+3)], "\n")
	}
	return fmt.Sprintf("line %d\n--- loaded\n%s\n--- recreated\n%s", i+1, ctxLines(la), ctxLines(lb))
}
