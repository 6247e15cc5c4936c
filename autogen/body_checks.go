package autogen

import (
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// SkipBodyChecks returns list, preceded by the statement that switches
// off d's check of routine bodies for the revision's transaction (see
// dialect.SkipBodyChecks) when list creates or replaces a function or
// procedure; otherwise list itself. Autogenerate creates routines before
// the tables, and the catalogs record no dependency of a SQL function on
// what its body names, so a body may name a function or table created
// later in the same revision, as pg_dump's output does.
func SkipBodyChecks(d dialect.Dialect, list []ops.Operation) []ops.Operation {
	if !createsRoutine(list) {
		return list
	}
	stmt, ok := dialect.SkipBodyChecks(d)
	if !ok {
		return list
	}
	return append([]ops.Operation{ops.Execute{SQL: stmt}}, list...)
}

// createsRoutine reports whether list creates or replaces a function or
// procedure.
func createsRoutine(list []ops.Operation) bool {
	isRoutine := func(def *model.Definition) bool {
		return def != nil && (def.Kind == model.DefFunction || def.Kind == model.DefProcedure)
	}
	for _, o := range list {
		switch o := o.(type) {
		case ops.CreateDefinition:
			if isRoutine(o.Definition) {
				return true
			}
		case ops.ReplaceDefinition:
			if isRoutine(o.To) {
				return true
			}
		}
	}
	return false
}
