package inspect_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// catalogCounters count a database's objects by kind from its catalogs,
// independently of the inspector, so that a kind the inspector loses (or
// the DDL drops) shows as a different count after the reload.
var catalogCounters = map[string]func(ctx context.Context, t *testing.T, db *dialect.DB) map[string]int{
	"mysql":  mysqlCatalogCounts,
	"sqlite": sqliteCatalogCounts,
}

// TestFidelity checks, on the realistic schema files of each database,
// what `migrate inspect --format sql` promises: load the file, inspect it,
// create the inspected model in an empty database (the SQL must run), and
// inspect again. The two inspections must give the same JSON, byte for
// byte (no normalisation), and the catalogs of both databases must hold
// the same number of objects of every kind.
func TestFidelity(t *testing.T) {
	for name, count := range catalogCounters {
		t.Run(name, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", name, "*.sql"))
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 {
				t.Fatalf("no schema files in testdata/schemas/%s", name)
			}
			for _, file := range files {
				t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
					t.Parallel()
					checkFidelity(t, name, file, count)
				})
			}
		})
	}
}

func checkFidelity(t *testing.T, name, file string, count func(context.Context, *testing.T, *dialect.DB) map[string]int) {
	ctx := context.Background()
	src, _ := testdb.Open(t, name)
	execAll(ctx, t, src, loadSchemaFile(t, file, src.Dialect.Capabilities().Syntax)...)
	first := inspectDB(ctx, t, src, inspect.Options{})
	stmts, err := dialect.CreateAllAsIs(src.Dialect, first)
	if err != nil {
		t.Fatalf("CreateAllAsIs of the inspected model: %v", err)
	}
	dst, _ := testdb.Open(t, name)
	for _, s := range stmts {
		if _, err := dst.ExecContext(ctx, s); err != nil {
			t.Fatalf("reload of the inspected schema fails: %v\nstatement:\n%s", err, s)
		}
	}
	second := inspectDB(ctx, t, dst, inspect.Options{})
	j1, err := json.MarshalIndent(first, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	j2, err := json.MarshalIndent(second, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if string(j1) != string(j2) {
		t.Errorf("the reloaded schema inspects differently:\n%s", lineDiff(string(j1), string(j2)))
	}
	c1, c2 := count(ctx, t, src), count(ctx, t, dst)
	if d := countDiff(c1, c2); d != "" {
		t.Errorf("catalog counts differ (kind: loaded, reloaded):\n%s", d)
	}
	t.Logf("%s: %v", filepath.Base(file), summary(c1))
}

// countDiff lists the kinds whose counts differ.
func countDiff(a, b map[string]int) string {
	var out []string
	for k, n := range a {
		if b[k] != n {
			out = append(out, fmt.Sprintf("%s: %d, %d", k, n, b[k]))
		}
	}
	for k, n := range b {
		if _, ok := a[k]; !ok {
			out = append(out, fmt.Sprintf("%s: 0, %d", k, n))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// summary leaves out the per-object kinds, for the log.
func summary(c map[string]int) map[string]int {
	out := map[string]int{}
	for k, n := range c {
		if strings.Count(k, " ") <= 3 {
			out[k] = n
		}
	}
	return out
}

// lineDiff lists the lines of a that b lacks and the reverse, enough to
// see what changed between two JSON documents.
func lineDiff(a, b string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[strings.TrimSpace(l)]++
		}
		return m
	}
	ca, cb := count(a), count(b)
	var out []string
	for l, n := range ca {
		if cb[l] < n {
			out = append(out, "- "+l)
		}
	}
	for l, n := range cb {
		if ca[l] < n {
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// countRows runs queries that each return (kind, count) rows and collects
// them.
func countRows(ctx context.Context, t *testing.T, db *dialect.DB, args []any, queries ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, q := range queries {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatalf("%v\nquery: %s", err, q)
		}
		for rows.Next() {
			var kind string
			var n int
			if err := rows.Scan(&kind, &n); err != nil {
				t.Fatal(err)
			}
			out[kind] += n
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// mysqlCatalogCounts counts the objects of the connected database in
// information_schema.
func mysqlCatalogCounts(ctx context.Context, t *testing.T, db *dialect.DB) map[string]int {
	t.Helper()
	var schema sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	return countRows(ctx, t, db, []any{schema.String},
		`SELECT CONCAT('table ', TABLE_TYPE), COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? GROUP BY TABLE_TYPE`,
		`SELECT 'column', COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`,
		`SELECT 'invisible column', COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND EXTRA LIKE '%INVISIBLE%'`,
		`SELECT CONCAT('index ', INDEX_TYPE, IF(NON_UNIQUE = 0, ' unique', '')), COUNT(DISTINCT TABLE_NAME, INDEX_NAME)
			FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? GROUP BY INDEX_TYPE, NON_UNIQUE`,
		`SELECT 'index key', COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?`,
		`SELECT CONCAT('constraint ', CONSTRAINT_TYPE), COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? GROUP BY CONSTRAINT_TYPE`,
		`SELECT 'check', COUNT(*) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`,
		`SELECT CONCAT('routine ', ROUTINE_TYPE), COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? GROUP BY ROUTINE_TYPE`,
		`SELECT CONCAT_WS(' ', 'view', TABLE_NAME, CHECK_OPTION, IS_UPDATABLE, SECURITY_TYPE, ALGORITHM), 1 FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?`,
		`SELECT 'trigger', COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?`,
		`SELECT CONCAT_WS(' ', 'partition', TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION,
			PARTITION_DESCRIPTION, SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION), 1
			FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL`,
		`SELECT CONCAT_WS(' ', 'table options', TABLE_NAME, CREATE_OPTIONS), 1 FROM information_schema.TABLES
			WHERE TABLE_SCHEMA = ? AND CREATE_OPTIONS <> ''`,
		`SELECT 'event', COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`,
		// What the definitions are, beyond how many: each row is a kind
		// of its own, so that any difference shows.
		`SELECT CONCAT_WS(' ', 'routine', ROUTINE_TYPE, ROUTINE_NAME, DTD_IDENTIFIER, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE,
			ROUTINE_COMMENT, SQL_MODE, MD5(ROUTINE_DEFINITION)), 1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`,
		`SELECT CONCAT_WS(' ', 'parameter', SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER, CHARACTER_SET_NAME), 1
			FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ?`,
		`SELECT CONCAT_WS(' ', 'trigger', TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, SQL_MODE, MD5(ACTION_STATEMENT)), 1
			FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?`,
		`SELECT CONCAT_WS(' ', 'event', EVENT_NAME, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, STARTS, ENDS, STATUS, ON_COMPLETION,
			EVENT_COMMENT, SQL_MODE, MD5(EVENT_DEFINITION)), 1 FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`,
	)
}

// sqliteCatalogCounts counts the objects of the main database in
// sqlite_schema and the pragmas.
func sqliteCatalogCounts(ctx context.Context, t *testing.T, db *dialect.DB) map[string]int {
	t.Helper()
	return countRows(ctx, t, db, nil,
		`SELECT type || CASE WHEN sql IS NULL THEN ' automatic' WHEN sql LIKE 'CREATE VIRTUAL%' THEN ' virtual' ELSE '' END, COUNT(*)
			FROM sqlite_schema GROUP BY 1`,
		`SELECT 'table list ' || type, COUNT(*) FROM pragma_table_list WHERE schema = 'main' GROUP BY type`,
		`SELECT 'column', COUNT(*) FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
			WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'`,
		`SELECT 'not null column', COUNT(*) FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
			WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND p."notnull"`,
		`SELECT 'primary key column', COUNT(*) FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
			WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND p.pk > 0`,
		`SELECT 'foreign key column', COUNT(*) FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p
			WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'`,
		`SELECT 'index ' || il.origin, COUNT(*) FROM sqlite_schema m JOIN pragma_index_list(m.name) il
			WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' GROUP BY il.origin`,
		// What the triggers, virtual tables and columns are, beyond how
		// many. Types compare without regard to case and spaces; defaults
		// by presence only (a default's value survives, and JSON equality
		// checks it, but DEFAULT +0.5 comes back as 0.5 and "active" as
		// 'active').
		`SELECT 'definition ' || type || ' ' || name || ' ' || tbl_name || ' ' || sql, 1 FROM sqlite_schema
			WHERE type = 'trigger' OR sql LIKE 'CREATE VIRTUAL%'`,
		// Conflict clauses (UNIQUE … ON CONFLICT REPLACE) show in no
		// pragma: count them in each table's text.
		`SELECT 'on conflict ' || name, (length(upper(sql)) - length(replace(upper(sql), 'ON CONFLICT', ''))) / 11 FROM sqlite_schema
			WHERE type = 'table' AND upper(sql) LIKE '%ON CONFLICT%'`,
		`SELECT 'column ' || m.name || '.' || p.name || ' ' || upper(replace(p.type, ' ', '')) || ' ' || p."notnull" || ' ' || p.pk || ' ' || (p.dflt_value IS NOT NULL), 1
			FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'`,
	)
}
