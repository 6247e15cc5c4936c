package autogen

import (
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// objectChanges are the operations on objects other than tables, split by
// where they go in the revision.
type objectChanges struct {
	// Pre go before table creates: CREATE SCHEMA/EXTENSION/TYPE/DOMAIN/
	// SEQUENCE, functions, enum ADD VALUE.
	Pre []ops.Operation
	// Post go after table changes: views (dependency order), triggers,
	// events, other definitions, sequence OWNED BY.
	Post []ops.Operation
	// DropPre go before table drops: views, triggers and definitions that
	// depend on tables (reverse dependency order).
	DropPre []ops.Operation
	// DropPost go after table drops: enums, domains, sequences, functions,
	// extensions, schemas.
	DropPost []ops.Operation
	Warnings []Warning
}

// compareObjects compares the objects other than tables of the normalised
// models. Objects other than tables are not compared yet: it returns no
// changes.
func compareObjects(current, target *model.MetaData, opts Options) (objectChanges, error) {
	return objectChanges{}, nil
}
