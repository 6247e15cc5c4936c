package dialect_test

import (
	"context"
	"errors"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// hostileNames are identifiers that break naive quoting: quotes of every
// kind, comment and statement syntax, reserved words, unicode, spaces.
var hostileNames = []string{
	"plain",
	`dq"uote`,
	"back`tick",
	"single'quote",
	`back\slash`,
	`\"mixed'` + "`",
	"select",
	"table",
	"order",
	"Mixed Case",
	"with space",
	"semi;colon",
	"x; DROP TABLE y; --",
	"-- comment",
	"/* c */",
	"$1",
	"$$",
	"$tag$",
	"[bracket]",
	"#hash",
	"naïve_ünïcödé",
	"名前",
	"emoji_🙂",
	"a\tb",
	"line\nbreak",
	"%s%d",
	"?",
}

// FuzzHostileNames creates a table and a column with a hostile name on each
// database, writes a row, and reads it back by name. The seed corpus runs
// in the normal suite. A name the database cannot hold must be refused by
// QuoteIdent with an *IdentifierError, never sent to the server.
func FuzzHostileNames(f *testing.F) {
	for _, n := range hostileNames {
		f.Add(n)
	}
	ctx := context.Background()
	var dbs []*dialect.DB
	for _, name := range testdb.Dialects {
		db, _ := testdb.Open(f, name)
		dbs = append(dbs, db)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, db := range dbs {
			d := db.Dialect
			qt, err := d.QuoteIdent(name)
			if err != nil {
				var ie *dialect.IdentifierError
				if !errors.As(err, &ie) {
					t.Fatalf("%s: QuoteIdent(%q) = %v; want an *IdentifierError", d.Name(), name, err)
				}
				continue
			}
			// Constraint and index names derive from the name, since they
			// share one namespace with tables on PostgreSQL.
			other, pkName, ixName := name+"_2", name+"_pk", name+"_ix"
			if !quotable(d, other, pkName, ixName) {
				continue // a suffixed name is too long: nothing to test
			}
			tbl := &model.Table{
				Name:       name,
				Columns:    []*model.Column{{Name: name, Type: model.Integer}, {Name: other, Type: model.Varchar(40), Nullable: true}},
				PrimaryKey: &model.PrimaryKey{Name: pkName, Columns: []string{name}},
				Indexes:    []*model.Index{{Name: ixName, Parts: model.Cols(other)}},
			}
			md := (&model.MetaData{}).AddTable(tbl)
			create, err := dialect.CreateAll(d, md)
			if err != nil {
				t.Fatalf("%s: CreateAll for %q: %v", d.Name(), name, err)
			}
			for _, s := range create {
				if _, err := db.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: name %q: %v\nstatement: %s", d.Name(), name, err, s)
				}
			}
			qc, _ := d.QuoteIdent(other)
			lit, err := d.Literal(name)
			if err != nil {
				lit = "'x'"
			}
			if _, err := db.ExecContext(ctx, "INSERT INTO "+qt+" ("+qt+", "+qc+") VALUES (42, "+lit+")"); err != nil {
				t.Fatalf("%s: insert into %q: %v", d.Name(), name, err)
			}
			var got int
			if err := db.QueryRowContext(ctx, "SELECT "+qt+" FROM "+qt+" WHERE "+qc+" = "+lit).Scan(&got); err != nil || got != 42 {
				t.Fatalf("%s: read back %q: got %d, %v", d.Name(), name, got, err)
			}
			drop, err := dialect.DropAll(d, md)
			if err != nil {
				t.Fatalf("%s: DropAll for %q: %v", d.Name(), name, err)
			}
			for _, s := range drop {
				if _, err := db.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: name %q: %v\nstatement: %s", d.Name(), name, err, s)
				}
			}
		}
	})
}

func quotable(d dialect.Dialect, names ...string) bool {
	for _, n := range names {
		if _, err := d.QuoteIdent(n); err != nil {
			return false
		}
	}
	return true
}
