package inspect

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// sqliteOracleSchema holds the indexes and foreign keys the statements
// settle without a pragma, and those they must leave to the pragmas, in
// the spellings SQLite accepts.
var sqliteOracleSchema = []string{
	`CREATE TABLE "Parent" (Id INTEGER, "Code" TEXT COLLATE NOCASE, qty INT, g INT GENERATED ALWAYS AS (qty * 2), [Name] TEXT, PRIMARY KEY (Code, id))`,
	`CREATE TABLE other (k INTEGER PRIMARY KEY, v TEXT COLLATE RTRIM, w TEXT, "x y" INT, "true" INT, UNIQUE (w))`,
	`CREATE TABLE kids (
		a INT, b TEXT, c INT REFERENCES parent (CODE), d INT REFERENCES PARENT (g), e INT REFERENCES nowhere,
		f INT REFERENCES nowhere (z), h INT REFERENCES other, i INT REFERENCES excluded_t, j INT REFERENCES excluded_t (Q),
		k INT REFERENCES v_other (k), l INT REFERENCES other (K), m INT REFERENCES "OTHER",
		FOREIGN KEY (b, a) REFERENCES parent, FOREIGN KEY (a) REFERENCES kids (A))`,
	`CREATE TABLE excluded_t (p INTEGER PRIMARY KEY, q INT)`,
	`CREATE VIEW v_other AS SELECT k, v FROM other`,
	`CREATE INDEX ix_plain ON "Parent" (qty)`,
	`CREATE INDEX ix_case ON parent (CODE, "NAME" DESC, id ASC)`,
	`CREATE UNIQUE INDEX ix_unique ON parent (name COLLATE BINARY, qty COLLATE nocase)`,
	`CREATE INDEX ix_same_coll ON parent (code COLLATE nocase)`,
	`CREATE INDEX IF NOT EXISTS ix_partial ON parent (qty) WHERE qty > 0 AND name IS NOT NULL`,
	`CREATE INDEX ix_generated ON parent (g)`,
	`CREATE INDEX ix_quoted ON other ([x y], 'v', ` + "`w`" + `)`,
	`CREATE INDEX ix_string ON other ("not a column")`,
	`CREATE INDEX ix_expr ON other (lower(v), k + 1)`,
	`CREATE INDEX ix_parens ON other ((v))`,
	`CREATE INDEX ix_two_colls ON other (v COLLATE nocase COLLATE binary)`,
	`CREATE INDEX ix_true ON other ("true", true)`,
	`CREATE INDEX ix_coll_quoted ON other (w COLLATE "NOCASE" DESC)`,
	`CREATE INDEX ix_kids ON kids (a, b) WHERE a IS NOT NULL`,
}

// TestSQLiteStatementsAgreeWithPragmas checks what inspection reads from
// the statements instead of the pragmas against the pragmas themselves:
// every index columnIndex settles is the index pragma_index_list and
// pragma_index_xinfo describe, and every referenced column is what
// pragma_table_info resolves, with filters that leave referenced tables
// out of scope.
func TestSQLiteStatementsAgreeWithPragmas(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	db.SetMaxOpenConns(1)
	for _, s := range sqliteOracleSchema {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement: %s", err, s)
		}
	}
	in := &sqliteInspector{d: db.Dialect}
	for _, opts := range []Options{{}, {Exclude: []string{"excluded_t"}}, {Include: []string{"kids"}}, {Include: []string{"kids", "other"}}} {
		t.Run(fmt.Sprint(opts.Include, opts.Exclude), func(t *testing.T) {
			md, err := in.Inspect(ctx, db, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range md.Tables {
				for _, ix := range tb.Indexes {
					if want := pragmaIndex(ctx, t, db, in, tb, ix.Name); !reflect.DeepEqual(ix, want) {
						t.Errorf("index %s: read %+v, the pragmas say %+v", ix.Name, ix, want)
					}
				}
				for _, fk := range tb.ForeignKeys {
					if want := pragmaRefColumns(ctx, t, db, tb.Name, fk); !slices.Equal(fk.RefColumns, want) {
						t.Errorf("foreign key %s%v: referenced columns %q, the pragmas say %q", tb.Name, fk.Columns, fk.RefColumns, want)
					}
				}
			}
		})
	}
	// The statements settle the plain indexes, and leave the others.
	md, err := in.Inspect(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	settled := map[string]bool{}
	for _, tb := range md.Tables {
		st := &sqliteTable{t: tb, create: mustParseTable(ctx, t, db, tb.Name)}
		for _, ix := range tb.Indexes {
			var text string
			if err := db.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE name = ?`, ix.Name).Scan(&text); err != nil {
				t.Fatal(err)
			}
			settled[ix.Name] = in.columnIndex(st, sqliteIndexDef{name: ix.Name, table: tb.Name, sql: text}) != nil
		}
	}
	want := map[string]bool{
		"ix_plain": true, "ix_case": true, "ix_unique": true, "ix_same_coll": true, "ix_partial": true,
		"ix_generated": true, "ix_coll_quoted": true, "ix_kids": true,
		"ix_quoted": false, "ix_string": false, "ix_expr": false, "ix_parens": false, "ix_two_colls": false,
		"ix_true": true, // a bare true is the column "true" where there is one
	}
	if !reflect.DeepEqual(settled, want) {
		t.Errorf("indexes read from their statements: got %v, want %v", settled, want)
	}
}

// mustParseTable parses the CREATE TABLE statement of table.
func mustParseTable(ctx context.Context, t *testing.T, db *dialect.DB, table string) *createTable {
	t.Helper()
	var text string
	if err := db.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&text); err != nil {
		t.Fatal(err)
	}
	ct, ok := parseCreateTable(text)
	if !ok {
		t.Fatalf("cannot parse %s", text)
	}
	return ct
}

// pragmaIndex builds the index named name from the pragmas alone.
func pragmaIndex(ctx context.Context, t *testing.T, db *dialect.DB, in *sqliteInspector, tb *model.Table, name string) *model.Index {
	t.Helper()
	var unique, partial bool
	var text string
	if err := db.QueryRowContext(ctx, `SELECT il."unique", il.partial, m.sql FROM pragma_index_list(?) il JOIN sqlite_schema m ON m.name = il.name WHERE il.name = ?`, tb.Name, name).
		Scan(&unique, &partial, &text); err != nil {
		t.Fatalf("index %s: %v", name, err)
	}
	parsed, ok := parseCreateIndex(text)
	if !ok {
		t.Fatalf("cannot parse %s", text)
	}
	ix := &model.Index{Name: name, Unique: unique}
	if partial {
		ix.Where = parsed.Where
	}
	st := &sqliteTable{t: tb, create: mustParseTable(ctx, t, db, tb.Name)}
	rows, err := db.QueryContext(ctx, `SELECT seqno, cid, name, "desc", COALESCE(coll, '') FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`, name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		r := sqliteIndexRow{table: tb.Name, index: name}
		if err := rows.Scan(&r.seqno, &r.cid, &r.column, &r.desc, &r.coll); err != nil {
			t.Fatal(err)
		}
		part, err := in.indexPart(st, r, parsed)
		if err != nil {
			t.Fatal(err)
		}
		ix.Parts = append(ix.Parts, part)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ix
}

// pragmaRefColumns resolves the referenced columns of fk, a foreign key
// of table, with pragma_table_info as SQL, or nil when one is unknown.
func pragmaRefColumns(ctx context.Context, t *testing.T, db *dialect.DB, table string, fk *model.ForeignKey) []string {
	t.Helper()
	rows, err := db.QueryContext(ctx, `SELECT p.id, p."table", p."from", COALESCE((SELECT c.name FROM pragma_table_info(p."table") c
		WHERE CASE WHEN p."to" IS NULL THEN c.pk = p.seq + 1 ELSE c.name = p."to" COLLATE NOCASE END), p."to", '')
		FROM pragma_foreign_key_list(?) p ORDER BY p.id, p.seq`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type key struct{ from, to []string }
	byID := map[int]*key{}
	refTable := map[int]string{}
	for rows.Next() {
		var id int
		var ref, from, to string
		if err := rows.Scan(&id, &ref, &from, &to); err != nil {
			t.Fatal(err)
		}
		if byID[id] == nil {
			byID[id] = &key{}
		}
		byID[id].from = append(byID[id].from, from)
		byID[id].to = append(byID[id].to, to)
		refTable[id] = ref
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// The schema gives no two foreign keys of a table the same columns
	// and referenced table.
	for id, k := range byID {
		if !slices.Equal(k.from, fk.Columns) || !strings.EqualFold(refTable[id], fk.RefTable) {
			continue
		}
		if slices.Contains(k.to, "") {
			return nil
		}
		return k.to
	}
	t.Fatalf("foreign key %s%v: not in pragma_foreign_key_list", table, fk.Columns)
	return nil
}
