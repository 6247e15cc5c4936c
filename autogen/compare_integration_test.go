package autogen

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// liveCase is one kind of change, proven on a real database: the current
// schema is created, inspected and compared with the target; the
// operations run; a second compare must be empty; the downgrade must bring
// the schema back.
type liveCase struct {
	name string
	// cur and tgt build the two models for a database's capabilities.
	cur, tgt func(c dialect.Capabilities) *model.MetaData
	// skip says why the database cannot hold the case, or "".
	skip func(c dialect.Capabilities) string
	// rename answers interactive rename questions (nil: never asked).
	rename func(RenameCandidate) bool
	// want, when set, is the exact list of operations (see opNames) per
	// dialect name, or under "" for every dialect.
	want map[string]string
	// setupSQL, when set, creates the current schema instead of cur
	// (which must still describe it).
	setupSQL func(c dialect.Capabilities) []string
	// warn, when set, must be among the warnings of the upgrade.
	warn string
	// database: the case needs a database of its own (schemas,
	// extensions), inspected in every schema.
	database bool
	// reupgrade: after the downgrade, the upgrade runs again and must
	// give the target once more.
	reupgrade bool
	// keep, when set, proves that rows survive the upgrade.
	keep *rowProbe
}

// rowProbe inserts rows before the upgrade and reads one value after it.
type rowProbe struct {
	insert []string
	query  string
	want   string
}

// runLive runs one case on one database.
func runLive(t *testing.T, name string, lc liveCase) {
	db, schemas := openLive(t, name, lc)
	ctx := context.Background()
	d := db.Dialect
	caps := d.Capabilities()
	if lc.skip != nil {
		if why := lc.skip(caps); why != "" {
			t.Skip(why)
		}
	}
	if fk, ok := d.(dialect.ForeignKeySwitch); ok {
		// As the runner does around a revision that rebuilds tables.
		db.SetMaxOpenConns(1)
		if _, err := db.ExecContext(ctx, fk.SetForeignKeys(false)); err != nil {
			t.Fatal(err)
		}
	}
	o := ops.NewOp(d, db)
	o.LiveTable = liveTable(db)
	run := func(what string, list []ops.Operation) {
		t.Helper()
		if err := o.Run(ctx, list...); err != nil {
			t.Fatalf("%s: %v\noperations: %s", what, err, opNames(list))
		}
	}
	read := func() *model.MetaData {
		t.Helper()
		md, err := inspect.Database(ctx, db, inspect.Options{Schemas: schemas})
		if err != nil {
			t.Fatalf("inspect: %v", err)
		}
		return md
	}
	compare := func(what string, cur, tgt *model.MetaData, opts Options) *Result {
		t.Helper()
		opts.Dialect = d
		res, err := Compare(cur, tgt, opts)
		if err != nil {
			t.Fatalf("%s: compare: %v", what, err)
		}
		return res
	}

	if lc.setupSQL != nil {
		for _, stmt := range lc.setupSQL(caps) {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("setup: %v\n%s", err, stmt)
			}
		}
	} else {
		setup := compare("setup", &model.MetaData{}, lc.cur(caps), Options{})
		run("create the current schema", setup.Ops)
	}
	if lc.keep != nil {
		for _, stmt := range lc.keep.insert {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("insert: %v\n%s", err, stmt)
			}
		}
	}
	before := read()
	if again := compare("setup", before, lc.cur(caps), Options{}); !again.Empty() {
		t.Fatalf("the current schema, created, still differs from its model: %s", opNames(again.Ops))
	}

	tgt := lc.tgt(caps)
	up := compare("upgrade", before, tgt, Options{Rename: lc.rename})
	if up.Empty() {
		t.Fatal("compare found no change")
	}
	if want, ok := lc.want[name]; ok {
		if got := opNames(up.Ops); got != want {
			t.Errorf("operations on %s:\n got %s\nwant %s", name, got, want)
		}
	} else if want, ok := lc.want[""]; ok {
		if got := opNames(up.Ops); got != want {
			t.Errorf("operations:\n got %s\nwant %s", got, want)
		}
	}
	if lc.warn != "" && !slices.ContainsFunc(up.Warnings, func(w Warning) bool { return strings.Contains(w.Message, lc.warn) }) {
		t.Errorf("warnings %v lack %q", up.Warnings, lc.warn)
	}
	down, err := Downgrade(before, up.Ops)
	if err != nil {
		t.Fatalf("downgrade: %v", err)
	}
	run("upgrade", up.Ops)
	after := read()
	if lc.keep != nil {
		var got string
		if err := db.QueryRowContext(ctx, lc.keep.query).Scan(&got); err != nil || got != lc.keep.want {
			t.Errorf("rows after the upgrade: %q (%v), want %q from %s", got, err, lc.keep.want, lc.keep.query)
		}
	}
	if again := compare("after upgrade", after, tgt, Options{}); !again.Empty() {
		t.Errorf("false positive: a second compare after the upgrade is not empty: %s", opNames(again.Ops))
	}
	// The operations applied to the model give the schema the database
	// has (lint and migrate test follow the schema so).
	applied := dialect.Normalize(d, before)
	if err := ops.Apply(applied, up.Ops...); err != nil {
		t.Fatalf("apply the upgrade to the model: %v", err)
	}
	if diff := compare("apply", after, applied, Options{}); !diff.Empty() {
		t.Errorf("the upgrade applied to the model differs from the database: %s", opNames(diff.Ops))
	}

	run("downgrade", down)
	restored := read()
	if back := compare("after downgrade", restored, before, Options{}); !back.Empty() {
		t.Errorf("the downgrade does not restore the schema: still %s\n%s", opNames(back.Ops),
			modeltest.Diff(dialect.Normalize(d, before), dialect.Normalize(d, restored)))
	}
	if lc.reupgrade {
		run("upgrade again", up.Ops)
		if again := compare("after the second upgrade", read(), tgt, Options{}); !again.Empty() {
			t.Errorf("the upgrade run again after the downgrade leaves: %s", opNames(again.Ops))
		}
	}
}

// openLive opens the database a case runs on: the usual private schema,
// or a database of its own inspected in every schema (the schemas to
// inspect are returned).
func openLive(t *testing.T, name string, lc liveCase) (*dialect.DB, []string) {
	if !lc.database {
		db, _ := testdb.Open(t, name)
		return db, nil
	}
	db, err := dialect.Open(context.Background(), testdb.NewDatabase(t, name).URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, ok := db.Dialect.(dialect.SchemaObjects); ok {
		return db, []string{"*"}
	}
	return db, nil
}

// liveTable reads one table of db, as the runner does.
func liveTable(db *dialect.DB) func(ctx context.Context, schema, name string) (*model.Table, error) {
	return func(ctx context.Context, schema, name string) (*model.Table, error) {
		opts := inspect.Options{Include: []string{name}}
		if schema != "" {
			opts.Schemas = []string{schema}
		}
		md, err := inspect.Database(ctx, db, opts)
		if err != nil {
			return nil, err
		}
		return md.Table(schema, name), nil
	}
}

func TestCompareLive(t *testing.T) { runLiveCases(t, liveCases()) }

// runLiveCases runs each case on each database (not with -short).
func runLiveCases(t *testing.T, cases []liveCase) {
	if testing.Short() {
		t.Skip("integration test")
	}
	for _, lc := range cases {
		for _, name := range testdb.Dialects {
			t.Run(lc.name+"/"+name, func(t *testing.T) {
				runLive(t, name, lc)
			})
		}
	}
}
