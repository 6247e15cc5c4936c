package autogen_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

var (
	propSeed  = flag.Uint64("seed", 0, "first seed of TestProperty (default 1, or $MIGRATE_AUTOGEN_SEED)")
	propCases = flag.Int("cases", 0, "cases of TestProperty per database (default 100, 20 with -short, or $MIGRATE_AUTOGEN_CASES)")
)

// propConfig is the generator's configuration per database: the
// database's own spellings, and every kind of object the database has.
var propConfig = map[string]schemagen.Config{
	"postgres": {Collation: "C", RawTypes: []string{"tsvector", "integer[]", "inet"}, IndexCollation: "POSIX",
		Domains: true, Routines: true, Serial: true, ViewsOnViews: true},
	"mysql": {Collation: "utf8mb4_bin", RawTypes: []string{"mediumtext", "tinyint unsigned", "set('a','b')"},
		AutoIncrementSecond: true, MySQLObjects: true, ViewsOnViews: true},
	"sqlite": {Collation: "NOCASE", RawTypes: []string{"INT", "NVARCHAR(40)", "DATETIME"}, SQLiteObjects: true, ViewsOnViews: true},
}

// propRange returns the first seed and the number of cases, from the
// flags, the environment, or the defaults.
func propRange() (first uint64, cases int) {
	first, cases = 1, 100
	if testing.Short() {
		cases = 20
	}
	if v, err := strconv.ParseUint(os.Getenv("MIGRATE_AUTOGEN_SEED"), 10, 64); err == nil && v > 0 {
		first = v
	}
	if v, err := strconv.Atoi(os.Getenv("MIGRATE_AUTOGEN_CASES")); err == nil && v > 0 {
		cases = v
	}
	if *propSeed > 0 {
		first = *propSeed
	}
	if *propCases > 0 {
		cases = *propCases
	}
	return first, cases
}

// TestProperty is the property test of autogenerate on the three
// databases. For each seed:
//
//	(a) a random schema S: Compare(empty, S), run the operations, inspect:
//	    equal to S; a second Compare is empty;
//	(b) rows in S's tables, a random mutation S2 of S (schemagen.Mutate:
//	    every kind of table change, renames declared with RenamedFrom):
//	    Compare(S, S2), run: inspect equals S2, a second Compare is empty,
//	    the values of kept (and renamed) columns are those of S; the
//	    downgrade of (b) gives S back, and the downgrade of (a) leaves an
//	    empty database.
//
// A failure prints its seed; replay it alone with
// go test ./autogen -run 'TestProperty/<db>' -seed N -cases 1.
func TestProperty(t *testing.T) {
	first, cases := propRange()
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, tg := testdb.Open(t, name)
			for seed := first; seed < first+uint64(cases); seed++ {
				p := &propCase{t: t, db: db, d: db.Dialect, url: tg.URL, seed: seed, cfg: propConfig[name]}
				p.run(context.Background())
			}
		})
	}
}

// propCase is one seed of TestProperty on one database.
type propCase struct {
	t  *testing.T
	db *dialect.DB
	d  dialect.Dialect
	// url is db's URL: views are spelled in a temporary database on its
	// server, as migrate's commands do ("" : in db itself).
	url  string
	seed uint64
	cfg  schemagen.Config
	// label names a fixed case (TestPropertyRegressions) instead of a seed.
	label string
	// changes describes the mutation, once made, for failure messages.
	changes []string
}

func (p *propCase) fatalf(format string, args ...any) {
	p.t.Helper()
	msg := fmt.Sprintf(format, args...)
	if p.changes != nil {
		msg += "\nmutation:\n  " + strings.Join(p.changes, "\n  ")
	}
	if p.label != "" {
		p.t.Fatalf("%s: %s", p.label, msg)
	}
	p.t.Fatalf("%s seed %d (replay: go test ./autogen -run 'TestProperty/%s' -seed %d -cases 1): %s", p.d.Name(), p.seed, p.d.Name(), p.seed, msg)
}

func (p *propCase) run(ctx context.Context) {
	p.t.Helper()
	empty := p.inspect(ctx)
	if n := len(empty.Tables); n != 0 {
		p.fatalf("database not empty at the start: %d tables", n)
	}
	s1 := schemagen.Generate(p.seed, p.d, p.cfg)
	mut := schemagen.Mutate(p.seed, p.d, s1, p.cfg)
	p.changes = mut.Changes
	p.check(ctx, empty, s1, mut.After, mut.Kept)
}

// check runs properties (a) and (b) on a schema s1 and its change s2, on
// the empty database whose inspection is empty.
func (p *propCase) check(ctx context.Context, empty, s1, s2 *model.MetaData, kept []schemagen.KeptColumn) {
	p.t.Helper()
	up1 := p.converge(ctx, "(a) create", empty, s1)

	for _, tb := range s1.Tables {
		stmts, err := schemagen.Insert(p.d, tb)
		if err != nil {
			p.fatalf("rows: %v", err)
		}
		p.exec(ctx, "rows", stmts...)
	}
	current := p.inspect(ctx)
	values := p.keptValues(ctx, kept, false)
	up2 := p.converge(ctx, "(b) mutate", current, s2)
	if got := p.keptValues(ctx, kept, true); !slices.Equal(got, values) {
		p.fatalf("values of kept columns changed:\nbefore %q\nafter  %q", values, got)
	}

	down2, err := autogen.Downgrade(current, up2)
	if err != nil {
		p.fatalf("(b) Downgrade: %v", err)
	}
	p.emptyFor(ctx, down2)
	p.runOps(ctx, "(b) downgrade", down2)
	p.expectAnyOrder(ctx, "(b) downgrade", s1)

	down1, err := autogen.Downgrade(empty, up1)
	if err != nil {
		p.fatalf("(a) Downgrade: %v", err)
	}
	p.runOps(ctx, "(a) downgrade", down1)
	if left := p.inspect(ctx); len(left.Tables) != 0 {
		p.fatalf("(a) downgrade leaves tables: %s", modeltest.Diff(&model.MetaData{}, left))
	}
}

// emptyFor deletes the rows of the tables to which operations add a
// column: the downgrade of a dropped column cannot bring its values back,
// and the rows may then break what the column had (NOT NULL without a
// default, a unique key with NULLS NOT DISTINCT). (Rows never reference
// each other: Insert leaves foreign keys NULL.)
func (p *propCase) emptyFor(ctx context.Context, list []ops.Operation) {
	p.t.Helper()
	for _, op := range list {
		sub := []ops.Operation{op}
		if b, ok := op.(ops.BatchAlterTable); ok {
			sub = b.Ops
		}
		for _, op := range sub {
			add, ok := op.(ops.AddColumn)
			if !ok {
				continue
			}
			qt, err := p.d.QuoteQualified(add.Schema, add.Table)
			if err != nil {
				p.fatalf("quote %q: %v", add.Table, err)
			}
			p.exec(ctx, "empty "+add.Table, "DELETE FROM "+qt)
		}
	}
}

// converge compares current with target, runs the operations, checks that
// the database then equals target and that a second compare is empty, and
// returns the operations.
func (p *propCase) converge(ctx context.Context, step string, current, target *model.MetaData) []ops.Operation {
	p.t.Helper()
	res, err := autogen.Compare(current, target, p.options(ctx, current, target))
	if err != nil {
		p.fatalf("%s: Compare: %v", step, err)
	}
	p.runOps(ctx, step, res.Ops)
	got := p.expect(ctx, step, target)
	again, err := autogen.Compare(got, target, p.options(ctx, got, target))
	if err != nil {
		p.fatalf("%s: second Compare: %v", step, err)
	}
	if !again.Empty() {
		p.fatalf("%s: second Compare is not empty (false positive):\n%s", step, describe(again.Ops))
	}
	return res.Ops
}

// expect inspects the database, checks it against want and returns it.
func (p *propCase) expect(ctx context.Context, step string, want *model.MetaData) *model.MetaData {
	p.t.Helper()
	got := p.inspect(ctx)
	if diff := modeltest.Diff(p.canonical(ctx, got, withoutRenames(dialect.Normalize(p.d, want))), p.canonical(ctx, nil, dialect.Normalize(p.d, got))); diff != "" {
		p.fatalf("%s: database differs from the model:\n%s", step, diff)
	}
	return got
}

// expectAnyOrder is expect for a downgrade: a column it adds back comes
// last (ALTER TABLE … ADD COLUMN), so the order of columns is not compared;
// Compare does not compare it either, which the empty compare checks.
func (p *propCase) expectAnyOrder(ctx context.Context, step string, want *model.MetaData) {
	p.t.Helper()
	got := p.inspect(ctx)
	if diff := modeltest.Diff(p.canonical(ctx, got, sortedColumns(withoutRenames(dialect.Normalize(p.d, want)))), p.canonical(ctx, nil, sortedColumns(dialect.Normalize(p.d, got)))); diff != "" {
		p.fatalf("%s: database differs from the model:\n%s", step, diff)
	}
	again, err := autogen.Compare(got, want, p.options(ctx, got, want))
	if err != nil {
		p.fatalf("%s: Compare after it: %v", step, err)
	}
	if !again.Empty() {
		p.fatalf("%s: Compare after it is not empty:\n%s", step, describe(again.Ops))
	}
}

// canonical replaces the text of views and definitions, which the
// database prints in its own words, by the key Compare compares them by
// (dialect.CanonicalText); with live, the database md is compared with,
// the text of a view is first the one the server keeps for it
// (autogen.SpellViews).
func (p *propCase) canonical(ctx context.Context, live, md *model.MetaData) *model.MetaData {
	p.t.Helper()
	var texts map[string]string
	if live != nil {
		var err error
		if texts, _, err = autogen.SpellViews(ctx, p.db, live, md, autogen.SpellOptions{InPlace: true}); err != nil {
			p.fatalf("SpellViews: %v", err)
		}
	}
	for _, v := range md.Views {
		if text, ok := texts[model.ObjectName{Schema: v.Schema, Name: v.Name}.QualifiedName()]; ok {
			v.Definition = text
		}
		v.Definition = dialect.CanonicalText(p.d, v.Definition)
	}
	for _, d := range md.Definitions {
		d.SQL = dialect.CanonicalText(p.d, d.SQL)
	}
	return md
}

// sortedColumns orders the columns of every table by name.
func sortedColumns(md *model.MetaData) *model.MetaData {
	for _, t := range md.Tables {
		slices.SortFunc(t.Columns, func(a, b *model.Column) int { return strings.Compare(a.Name, b.Name) })
	}
	return md
}

// withoutRenames drops the declared renames, which a database never reports.
func withoutRenames(md *model.MetaData) *model.MetaData {
	for _, t := range md.Tables {
		t.RenamedFrom = ""
		for _, c := range t.Columns {
			c.RenamedFrom = ""
		}
	}
	return md
}

func (p *propCase) inspect(ctx context.Context) *model.MetaData {
	p.t.Helper()
	md, err := inspect.Database(ctx, p.db, inspect.Options{})
	if err != nil {
		p.fatalf("inspect: %v", err)
	}
	return md
}

// runOps runs operations as the runner runs a revision: in one
// transaction where DDL is transactional, and, on SQLite, with foreign-key
// enforcement switched off around it and the keys checked before the
// commit (the runner does so for revisions with batch rebuilds).
func (p *propCase) runOps(ctx context.Context, step string, list []ops.Operation) {
	p.t.Helper()
	conn, err := p.db.Conn(ctx)
	if err != nil {
		p.fatalf("%s: connection: %v", step, err)
	}
	defer conn.Close()
	fk, _ := p.d.(dialect.ForeignKeySwitch)
	if fk != nil {
		if _, err := conn.ExecContext(ctx, fk.SetForeignKeys(false)); err != nil {
			p.fatalf("%s: %v", step, err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), fk.SetForeignKeys(true))
	}
	var q dialect.Querier = conn
	var tx *sql.Tx
	if p.d.Capabilities().TransactionalDDL {
		if tx, err = conn.BeginTx(ctx, nil); err != nil {
			p.fatalf("%s: begin: %v", step, err)
		}
		defer tx.Rollback()
		q = tx
	}
	in, err := inspect.For(p.d)
	if err != nil {
		p.fatalf("%s: %v", step, err)
	}
	o := ops.NewOp(p.d, q)
	o.InTransaction = tx != nil
	o.LiveTable = func(ctx context.Context, schema, name string) (*model.Table, error) {
		opts := inspect.Options{Include: []string{name}}
		if schema != "" {
			opts.Schemas = []string{schema}
		}
		md, err := in.Inspect(ctx, q, opts)
		if err != nil {
			return nil, err
		}
		return md.Table(schema, name), nil
	}
	for i, op := range list {
		if err := o.Run(ctx, op); err != nil {
			p.fatalf("%s: operation %d of %d: %v\noperations:\n%s", step, i+1, len(list), err, describe(list))
		}
	}
	if fk != nil {
		rows, err := q.QueryContext(ctx, fk.ForeignKeyViolationsQuery())
		if err != nil {
			p.fatalf("%s: foreign-key check: %v", step, err)
		}
		var n int
		for rows.Next() {
			if err := rows.Scan(&n); err != nil {
				p.fatalf("%s: foreign-key check: %v", step, err)
			}
		}
		rows.Close()
		if n != 0 {
			p.fatalf("%s: %d rows violate foreign keys after the operations:\n%s", step, n, describe(list))
		}
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			p.fatalf("%s: commit: %v", step, err)
		}
	}
}

func (p *propCase) exec(ctx context.Context, step string, stmts ...string) {
	p.t.Helper()
	for _, s := range stmts {
		if _, err := p.db.ExecContext(ctx, s); err != nil {
			p.fatalf("%s: %v\nstatement: %s", step, err, s)
		}
	}
}

// keptValues reads the values of the kept columns (under their names
// before the change, or after it), each column's values sorted.
func (p *propCase) keptValues(ctx context.Context, kept []schemagen.KeptColumn, after bool) []string {
	p.t.Helper()
	var out []string
	for _, k := range kept {
		table, col := k.Table, k.Column
		if after {
			table, col = k.NewTable, k.NewColumn
		}
		qt, err := p.d.QuoteIdent(table)
		if err != nil {
			p.fatalf("quote %q: %v", table, err)
		}
		qc, err := p.d.QuoteIdent(col)
		if err != nil {
			p.fatalf("quote %q: %v", col, err)
		}
		rows, err := p.db.QueryContext(ctx, "SELECT "+qc+" FROM "+qt)
		if err != nil {
			p.fatalf("read %s.%s: %v", table, col, err)
		}
		var vals []string
		for rows.Next() {
			var v any
			if err := rows.Scan(&v); err != nil {
				p.fatalf("read %s.%s: %v", table, col, err)
			}
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			vals = append(vals, fmt.Sprintf("%v", v))
		}
		if err := rows.Err(); err != nil {
			p.fatalf("read %s.%s: %v", table, col, err)
		}
		rows.Close()
		slices.Sort(vals)
		out = append(out, k.NewTable+"."+k.NewColumn+"="+strings.Join(vals, ","))
	}
	return out
}

// describe lists operations as Go source, one a line.
func describe(list []ops.Operation) string {
	var b strings.Builder
	for _, op := range list {
		src, err := op.GoSource()
		if err != nil {
			src = op.Name() + " (" + err.Error() + ")"
		}
		b.WriteString("  " + src + "\n")
	}
	return b.String()
}

// options are the compare options of the property test, as migrate's
// own commands set them: views the model drops are dropped (a user who
// removes a view from the model sets this), and the server spells the
// model's views (autogen.SpellViews).
func (p *propCase) options(ctx context.Context, current, target *model.MetaData) autogen.Options {
	p.t.Helper()
	texts, warnings, err := autogen.SpellViews(ctx, p.db, current, target, spellOptions(p.url))
	if err != nil {
		p.fatalf("SpellViews: %v", err)
	}
	if len(warnings) > 0 {
		p.fatalf("SpellViews: %v", warnings)
	}
	return autogen.Options{Dialect: p.d, DropViews: true, ViewTexts: texts}
}
