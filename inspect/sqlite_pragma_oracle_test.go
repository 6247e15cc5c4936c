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
		n INT CONSTRAINT fk_n REFERENCES other ON DELETE SET NULL ON UPDATE CASCADE MATCH FULL NOT DEFERRABLE,
		o INT REFERENCES other (k) ON DELETE RESTRICT ON DELETE CASCADE ON UPDATE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
		FOREIGN KEY (b, a) REFERENCES parent, FOREIGN KEY (A) REFERENCES kids (A) ON UPDATE NO ACTION,
		CONSTRAINT "fk B" FOREIGN KEY (B, "O") REFERENCES "Parent" ("code", [ID]) ON DELETE CASCADE)`,
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
// pragma_index_xinfo describe, every foreign key is what
// pragma_foreign_key_list says, its referenced columns resolved as
// pragma_table_info resolves them, with filters that leave referenced
// tables out of scope.
func TestSQLiteStatementsAgreeWithPragmas(t *testing.T) {
	ctx := context.Background()
	db, in := openSQLiteOracle(ctx, t)
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
					if want := pragmaForeignKey(ctx, t, db, tb.Name, fk); !reflect.DeepEqual(fk, want) {
						t.Errorf("foreign key of %s: read %+v, the pragmas say %+v", tb.Name, fk, want)
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
	// The foreign keys of every table are read from its statement.
	sc := &sqliteScope{allTables: map[string]string{}}
	for _, tb := range md.Tables {
		var refs []fkRef
		if st := (&sqliteTable{t: tb, create: mustParseTable(ctx, t, db, tb.Name)}); !statementForeignKeys(sc, st, &refs) {
			t.Errorf("the foreign keys of %s are left to the pragma", tb.Name)
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

// pragmaForeignKey returns fk, a foreign key of table, as
// pragma_foreign_key_list reports it, its referenced columns resolved
// with pragma_table_info as SQL (nil when one is unknown); the name and
// deferrability, which the pragma lacks, are fk's.
func pragmaForeignKey(ctx context.Context, t *testing.T, db *dialect.DB, table string, fk *model.ForeignKey) *model.ForeignKey {
	t.Helper()
	rows, err := db.QueryContext(ctx, `SELECT p.id, p."table", p."from", COALESCE((SELECT c.name FROM pragma_table_info(p."table") c
		WHERE CASE WHEN p."to" IS NULL THEN c.pk = p.seq + 1 ELSE c.name = p."to" COLLATE NOCASE END), p."to", ''),
		p.on_delete, p.on_update
		FROM pragma_foreign_key_list(?) p ORDER BY p.id, p.seq`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byID := map[int]*model.ForeignKey{}
	raw := map[int]string{}
	for rows.Next() {
		var id int
		var ref, from, to, onDelete, onUpdate string
		if err := rows.Scan(&id, &ref, &from, &to, &onDelete, &onUpdate); err != nil {
			t.Fatal(err)
		}
		f := byID[id]
		if f == nil {
			f = &model.ForeignKey{Name: fk.Name, RefTable: fk.RefTable, Deferrable: fk.Deferrable, InitiallyDeferred: fk.InitiallyDeferred,
				OnDelete: sqliteAction(onDelete), OnUpdate: sqliteAction(onUpdate)}
			byID[id] = f
			raw[id] = ref
		}
		f.Columns = append(f.Columns, from)
		f.RefColumns = append(f.RefColumns, to)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// No two foreign keys of the schema have the same columns, referenced
	// table and actions.
	for id, f := range byID {
		if !slices.Equal(f.Columns, fk.Columns) || !strings.EqualFold(raw[id], fk.RefTable) || f.OnDelete != fk.OnDelete || f.OnUpdate != fk.OnUpdate {
			continue
		}
		if slices.Contains(f.RefColumns, "") {
			f.RefColumns = nil
		}
		return f
	}
	t.Fatalf("foreign key %s%v: not in pragma_foreign_key_list", table, fk.Columns)
	return nil
}

// TestSQLiteForeignKeysFromPragma reads the foreign keys of the oracle
// schema through pragma_foreign_key_list, as for a statement that does not
// settle them, and checks that they are those read from the statements.
func TestSQLiteForeignKeysFromPragma(t *testing.T) {
	ctx := context.Background()
	db, in := openSQLiteOracle(ctx, t)
	for _, opts := range []Options{{}, {Include: []string{"kids"}}} {
		read := func(viaPragma bool) []*model.ForeignKey {
			sc, err := in.scope("main", opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := in.objects(ctx, db, sc, &model.MetaData{}); err != nil {
				t.Fatal(err)
			}
			if err := in.columns(ctx, db, sc); err != nil {
				t.Fatal(err)
			}
			for _, st := range sc.order {
				for i := range st.create.FKs {
					st.create.FKs[i].BadAction = viaPragma
				}
			}
			if err := in.foreignKeys(ctx, db, sc); err != nil {
				t.Fatal(err)
			}
			var out []*model.ForeignKey
			for _, st := range sc.order {
				in.finishTable(st)
				out = append(out, st.t.ForeignKeys...)
			}
			return out
		}
		statements, pragma := read(false), read(true)
		if len(statements) < 10 || !reflect.DeepEqual(statements, pragma) {
			t.Errorf("%+v: from the statements %s\nfrom the pragma %s", opts, fkList(statements), fkList(pragma))
		}
	}
}

func fkList(fks []*model.ForeignKey) string {
	var b strings.Builder
	for _, f := range fks {
		fmt.Fprintf(&b, "\n  %+v", *f)
	}
	return b.String()
}

// openSQLiteOracle opens a SQLite database on one connection, loads
// sqliteOracleSchema and returns it with an inspector for it.
func openSQLiteOracle(ctx context.Context, t *testing.T) (*dialect.DB, *sqliteInspector) {
	t.Helper()
	db, _ := testdb.Open(t, "sqlite")
	db.SetMaxOpenConns(1)
	for _, s := range sqliteOracleSchema {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement: %s", err, s)
		}
	}
	return db, &sqliteInspector{d: db.Dialect}
}
