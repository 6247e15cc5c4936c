// Package inspect reads a live database schema into a model.MetaData.
//
// There is one Inspector per database (PostgreSQL, MySQL/MariaDB, SQLite).
// Each issues a constant number of catalog queries per object kind, however
// many tables there are, applies include/exclude globs in the queries
// themselves, never writes, and runs in a read-only transaction where the
// database allows. Types are read through the dialect's ParseType, so that
// the model an inspector returns compares equal to the model that created
// the schema.
package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// Options scope an inspection.
type Options struct {
	// Schemas to read: PostgreSQL schemas, MySQL databases, SQLite attached
	// databases. Empty means the connection's default: current_schema(),
	// the connected database, main. Tables of the default scope come back
	// with an empty Schema; tables of other schemas carry their schema. On
	// PostgreSQL a name may be a glob: "*" reads every user schema.
	Schemas []string
	// Include and Exclude are globs (* and ?) on table names; an empty
	// Include means all tables. Views, enum types and sequences are filtered
	// by the same globs.
	Include []string
	Exclude []string
}

// Inspector reads a live schema.
type Inspector interface {
	// Inspect returns the schema in scope. Objects come back in a stable
	// order (tables by schema and name, columns by position).
	Inspect(ctx context.Context, q dialect.Querier, opts Options) (*model.MetaData, error)
}

// factories maps a dialect name to its inspector constructor; each
// per-database file registers itself in init.
var factories = map[string]func(d dialect.Dialect) Inspector{}

func register(name string, f func(d dialect.Dialect) Inspector) { factories[name] = f }

// For returns the inspector for a dialect.
func For(d dialect.Dialect) (Inspector, error) {
	f, ok := factories[d.Name()]
	if !ok {
		return nil, fmt.Errorf("inspect: no inspector for %s", d.Name())
	}
	return f(d), nil
}

// Database inspects an open database in a read-only transaction where the
// database allows it, at REPEATABLE READ where the driver accepts it, so
// that every catalog query sees one snapshot. An inspector that runs its
// queries at the same time on the pool (poolInspector: PostgreSQL's, in
// transactions of its own that share a snapshot, and MySQL's, whose
// information_schema no transaction holds still) is given the pool.
func Database(ctx context.Context, db *dialect.DB, opts Options) (*model.MetaData, error) {
	in, err := For(db.Dialect)
	if err != nil {
		return nil, err
	}
	if _, ok := in.(poolInspector); ok {
		return in.Inspect(ctx, db.DB, opts)
	}
	ro := db.Dialect.Capabilities().ReadOnlyTransactions
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: ro, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		// Not every driver takes an isolation level (SQLite's transactions
		// are serializable anyway).
		tx, err = db.BeginTx(ctx, &sql.TxOptions{ReadOnly: ro})
	}
	if err != nil {
		return nil, fmt.Errorf("inspect %s: begin: %w", db.Dialect.Name(), err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return in.Inspect(ctx, tx, opts)
}

// poolInspector is an Inspector that Database gives the pool, on which it
// runs its independent queries at the same time (see runSteps): MySQL's,
// whose catalog queries see no snapshot of a transaction (each reads the
// data dictionary as it is when it runs, inside a transaction or not),
// and PostgreSQL's, which begins transactions sharing one snapshot itself.
type poolInspector interface {
	Inspector
	takesPool()
}

// sortModel puts a model's objects in the stable order Inspect promises.
func sortModel(md *model.MetaData) {
	sort.SliceStable(md.Tables, func(i, j int) bool {
		a, b := md.Tables[i], md.Tables[j]
		if a.Schema != b.Schema {
			return a.Schema < b.Schema
		}
		return a.Name < b.Name
	})
	for _, t := range md.Tables {
		sort.SliceStable(t.ForeignKeys, func(i, j int) bool { return t.ForeignKeys[i].Name < t.ForeignKeys[j].Name })
		sort.SliceStable(t.Uniques, func(i, j int) bool { return t.Uniques[i].Name < t.Uniques[j].Name })
		sort.SliceStable(t.Checks, func(i, j int) bool { return t.Checks[i].Name < t.Checks[j].Name })
		sort.SliceStable(t.Indexes, func(i, j int) bool { return t.Indexes[i].Name < t.Indexes[j].Name })
		sort.SliceStable(t.Exclusions, func(i, j int) bool { return t.Exclusions[i].Name < t.Exclusions[j].Name })
	}
	sort.SliceStable(md.Enums, func(i, j int) bool { return md.Enums[i].Name < md.Enums[j].Name })
	sort.SliceStable(md.Sequences, func(i, j int) bool { return md.Sequences[i].Name < md.Sequences[j].Name })
	sort.SliceStable(md.Views, func(i, j int) bool { return md.Views[i].Name < md.Views[j].Name })
}
