package autogen

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// TestCompareKeepsModelSpelling loads schemas whose expressions the
// server prints with casts that canonical text drops (a char column
// compared with a list, a varchar default, an expression index), takes
// the inspection as the model, as a SQL model is, and checks both ways:
// the operations that create the schema in an empty database leave
// nothing to compare, and the downgrade of dropping it recreates it as it
// was.
func TestCompareKeepsModelSpelling(t *testing.T) {
	schemas := map[string][]string{
		"postgres": {
			`CREATE TABLE events (
				id integer PRIMARY KEY,
				operation char(1) NOT NULL CHECK (operation IN ('I', 'U', 'D')),
				code varchar(20) NOT NULL DEFAULT 'none',
				amount numeric(10,2) CHECK (amount > 0.5),
				label text GENERATED ALWAYS AS (upper(code::text)) STORED)`,
			`CREATE INDEX ix_events_code ON events (lower(code)) WHERE operation <> 'D'`,
		},
		"mysql": {
			"CREATE TABLE events (id int PRIMARY KEY, operation char(1) NOT NULL CHECK (operation IN ('I', 'U', 'D')), " +
				"code varchar(20) NOT NULL DEFAULT 'none', label varchar(20) AS (upper(code)) STORED)",
		},
		"sqlite": {
			"CREATE TABLE events (id INTEGER PRIMARY KEY, operation TEXT NOT NULL CHECK (operation IN ('I', 'U', 'D')), " +
				"code TEXT NOT NULL DEFAULT (lower('NONE')), amount REAL CHECK (amount > 0.5))",
			"CREATE INDEX ix_events_code ON events (lower(code)) WHERE operation <> 'D'",
		},
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			src, _ := testdb.Open(t, name)
			for _, s := range schemas[name] {
				if _, err := src.ExecContext(ctx, s); err != nil {
					t.Fatalf("%v\n%s", err, s)
				}
			}
			read := func(db *dialect.DB) *model.MetaData {
				t.Helper()
				md, err := inspect.Database(ctx, db, inspect.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return md
			}
			compare := func(cur, tgt *model.MetaData) *Result {
				t.Helper()
				res, err := Compare(cur, tgt, Options{Dialect: src.Dialect})
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			run := func(db *dialect.DB, list []ops.Operation) {
				t.Helper()
				o := ops.NewOp(db.Dialect, db)
				o.LiveTable = liveTable(db)
				if err := o.Run(ctx, list...); err != nil {
					t.Fatalf("%v\noperations: %s", err, opNames(list))
				}
			}
			want := read(src)

			// Create: an empty database given the model.
			dst, _ := testdb.Open(t, name)
			up := compare(read(dst), want)
			run(dst, up.Ops)
			if again := compare(read(dst), want); !again.Empty() {
				t.Errorf("created from the model, the database still differs: %s", opNames(again.Ops))
			}

			// Drop and recreate by the downgrade: the source's own text.
			drop := compare(want, &model.MetaData{})
			down, err := Downgrade(want, drop.Ops)
			if err != nil {
				t.Fatal(err)
			}
			run(src, drop.Ops)
			run(src, down)
			if again := compare(read(src), want); !again.Empty() {
				t.Errorf("recreated by the downgrade, the database differs: %s", opNames(again.Ops))
			}
		})
	}
}
