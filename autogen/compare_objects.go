package autogen

import (
	"github.com/migratego/migrate/dialect"
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

// objectComparison compares the objects other than tables of two
// normalised models, each holding only the objects in scope. Every kind
// adds its operations to the phase of the revision they belong to, and
// compareObjects puts the phases together in the order the database
// needs.
type objectComparison struct {
	d        dialect.Dialect
	opts     Options
	cur, tgt *model.MetaData
	// The phases, each in execution order.
	schemas, extensions, enums, domains, early, sequences []ops.Operation // Pre
	domainsOverTypes                                      []ops.Operation // Pre, after early
	owners, domainsOverTables, late                       []ops.Operation // Post
	release, dropLate, dropDomainsOverTables              []ops.Operation // DropPre
	dropSequences, dropEarly, dropDomains, dropEnums      []ops.Operation // DropPost
	dropDomainsOverTypes                                  []ops.Operation // DropPost, before dropEarly
	dropExtensions, dropSchemas                           []ops.Operation // DropPost
	warnings                                              []Warning
	// rebuiltTables names the tables a batch rebuilds by move and copy.
	rebuiltTables map[string]bool
	// retypedEnums names the enum types whose values change (see
	// viewsOverEnums).
	retypedEnums map[string]bool
}

// compareObjects compares the objects other than tables of the normalised
// models current (the database) and target (the model): schemas,
// extensions, enum types, domains, sequences, views and definitions, each
// kind within Options' scope. See objectChanges for where the operations
// go; within a phase, creates follow dependencies (model.ObjectOrder) and
// drops go in the reverse order.
//
// What is compared, and how:
//   - schemas by name and comment; extensions by name, schema and version
//     (an empty version in the model accepts any);
//   - enum types by their values (only where enums are named types):
//     values added keeping the order of the existing ones become ALTER
//     TYPE … ADD VALUE, anything else (a value removed, values reordered)
//     creates the type again (ops.AlterEnum) with a warning;
//   - domains by their definition: ALTER DOMAIN where it can, a warning
//     for a base type or collation change;
//   - sequences by their options;
//   - views by their columns, comment and definition text, compared by
//     dialect.CanonicalText; a view of the database that the model lacks
//     is left in place with a warning unless Options.DropViews;
//   - definitions by kind and identity, then their comment and SQL text
//     (dialect.CanonicalText).
//
// rebuilt names the tables a batch rebuilds (see rebuiltTables): the
// triggers on them are dropped before and created again after the tables
// change, as on a rebuilt view.
func compareObjects(current, target *model.MetaData, opts Options, rebuilt map[string]bool) (objectChanges, error) {
	oc := &objectComparison{d: opts.Dialect, opts: opts, cur: opts.filterObjects(current), tgt: opts.filterObjects(target), rebuiltTables: rebuilt}
	oc.compareSchemas()
	oc.compareExtensions()
	oc.compareEnums()
	oc.compareDomains()
	oc.compareSequences()
	oc.compareLateObjects()
	join := func(lists ...[]ops.Operation) []ops.Operation {
		var out []ops.Operation
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	return objectChanges{
		Pre:      join(oc.schemas, oc.extensions, oc.enums, oc.domains, oc.early, oc.domainsOverTypes, oc.sequences),
		Post:     join(oc.owners, oc.domainsOverTables, oc.late),
		DropPre:  join(oc.release, oc.dropLate, oc.dropDomainsOverTables),
		DropPost: join(oc.dropSequences, oc.dropDomainsOverTypes, oc.dropEarly, oc.dropDomains, oc.dropEnums, oc.dropExtensions, oc.dropSchemas),
		Warnings: oc.warnings,
	}, nil
}

// warn records a warning about obj.
func (oc *objectComparison) warn(obj Object, msg string) {
	oc.warnings = append(oc.warnings, Warning{Object: obj, Message: msg})
}

// diffObjects pairs the objects of cur and tgt by key: change is called
// for each object of tgt, in order, with the object of cur of the same key
// or nil; gone is called for each object of cur that tgt lacks, in the
// reverse order (drops undo the order of creation).
func diffObjects[T any](cur, tgt []*T, key func(*T) string, change func(c, t *T), gone func(c *T)) {
	byKey := make(map[string]*T, len(cur))
	for _, c := range cur {
		byKey[key(c)] = c
	}
	kept := make(map[string]bool, len(tgt))
	for _, t := range tgt {
		kept[key(t)] = true
		change(byKey[key(t)], t)
	}
	for i := len(cur) - 1; i >= 0; i-- {
		if !kept[key(cur[i])] {
			gone(cur[i])
		}
	}
}
