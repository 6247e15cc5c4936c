package autogen

import (
	"context"
	"errors"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// Options control Compare.
type Options struct {
	// Dialect is the database's: both models are compared in
	// dialect.Normalize form, and it decides SQLite batches and the like.
	Dialect dialect.Dialect
	// Schemas to compare ("" is the default schema), names or globs (*
	// and ?); empty means every schema of either model.
	Schemas []string
	// Include and Exclude are globs (* and ?) on object names, "name" or
	// "schema.name"; an empty Include means all.
	Include, Exclude []string
	// Filter leaves an object out when it returns false.
	Filter func(Object) bool
	// VersionTables are the version and history tables ("name" or
	// "schema.name"): always left out.
	VersionTables []string
	// Rename is asked about each compatible drop+add pair of tables or
	// columns; true makes it a rename. Nil never asks.
	Rename func(RenameCandidate) bool
	// DropViews drops the views of the database that the model lacks;
	// by default they are left in place with a warning.
	DropViews bool
	// ViewTexts holds, by "schema.name" or "name", the text the database
	// keeps for a view of the model defined as the model says (SpellViews
	// asks the server). A view whose text differs from the database's is
	// still the same view when this text does not.
	ViewTexts map[string]string
}

// Object names one thing Compare looks at, for filters and warnings.
// Kind is "table", "column", "index", "constraint", "view", "enum",
// "sequence", "schema", "extension", "domain", or a model.DefinitionKind.
type Object struct{ Kind, Schema, Table, Name string }

// RenameCandidate is a compatible drop+add pair: Kind "table" (From and To
// are tables of Schema) or "column" (columns of Table).
type RenameCandidate struct{ Kind, Schema, Table, From, To string }

// Warning is something the user must know: data that will be lost, a view
// left in place, a constraint without a name.
type Warning struct {
	Object  Object
	Message string
}

// Result is the outcome of Compare: operations in execution order, and
// warnings.
type Result struct {
	Ops      []ops.Operation
	Warnings []Warning
}

// Empty reports whether there is nothing to do.
func (r *Result) Empty() bool { return r == nil || len(r.Ops) == 0 }

// Compare returns the operations that turn current (the live database,
// inspected) into target (the model). Both are compared in the dialect's
// normal form (dialect.Normalize), so that spellings the database changes
// never show as changes. The operations carry the state their inverses
// need (see Downgrade).
//
// Order: drops of views and definitions that depend on tables; new
// schemas, types and other objects tables need; foreign keys that go away;
// renames; changes to existing tables; new tables in foreign-key order
// (keys in a cycle added after the tables); new foreign keys; dropped
// tables in reverse foreign-key order; views and definitions; drops of
// types, sequences and schemas.
func Compare(current, target *model.MetaData, opts Options) (*Result, error) {
	if current == nil || target == nil {
		return nil, errors.New("autogen: compare needs both the current and the target model")
	}
	if opts.Dialect == nil {
		return nil, errors.New("autogen: compare needs a dialect (Options.Dialect)")
	}
	c := newComparison(current, target, opts)
	objCur, objTgt := c.cur, c.tgt
	tables, err := c.tables()
	if err != nil {
		return nil, err
	}
	objs, err := compareObjects(objCur, objTgt, opts, rebuiltTables(opts.Dialect, tables))
	if err != nil {
		return nil, err
	}
	tables = newSpellings(opts.Dialect, current, target).restore(tables)
	res := &Result{}
	res.Ops = append(res.Ops, objs.DropPre...)
	res.Ops = append(res.Ops, objs.Pre...)
	res.Ops = append(res.Ops, portableEnums(opts.Dialect, current, tables)...)
	res.Ops = append(res.Ops, tables...)
	res.Ops = append(res.Ops, objs.Post...)
	res.Ops = append(res.Ops, objs.DropPost...)
	res.Warnings = append(c.warnings, objs.Warnings...)
	return res, nil
}

// rebuiltTables names the tables (qualifiedName) that a batch of list, or
// its inverse in the downgrade, rebuilds by move and copy (SQLite): the
// rebuild drops what is on the table, so the triggers on it are dropped
// before the batch and created again after it (see compareLateObjects),
// and the downgrade, the inverse of each operation in reverse order, does
// the same around the inverse batch. The batches carry CopyFrom, so the
// answer needs no database.
func rebuiltTables(d dialect.Dialect, list []ops.Operation) map[string]bool {
	if _, ok := d.(dialect.Rebuilder); !ok {
		return nil
	}
	out := map[string]bool{}
	c := &ops.Context{Dialect: d}
	rebuilds := func(op ops.Operation) bool {
		b, ok := op.(ops.BatchAlterTable)
		if !ok {
			return false
		}
		// An error (a batch that cannot compile) shows when it runs; the
		// triggers are recreated to be safe.
		r, err := b.Rebuilds(context.Background(), c)
		return r || err != nil
	}
	for _, op := range list {
		b, ok := op.(ops.BatchAlterTable)
		if !ok {
			continue
		}
		inv, err := b.Reverse()
		if rebuilds(b) || err != nil || rebuilds(inv) {
			out[qualifiedName(b.Schema, b.Table)] = true
		}
	}
	return out
}
