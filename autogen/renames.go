package autogen

import (
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// renameTables decides the table renames: declared ones (RenamedFrom on
// the target table), then, with Options.Rename, a dropped and an added
// table of the same schema with the same columns, when the user says so.
// Each rename is applied to c.cur.
func (c *comparison) renameTables() ([]ops.Operation, error) {
	curBy := tablesByKey(c.cur)
	tgtBy := tablesByKey(c.tgt)
	var out []ops.Operation
	rename := func(cur, tgt *model.Table) error {
		op := ops.RenameTable{Schema: cur.Schema, Table: cur.Name, NewName: tgt.Name}
		if err := ops.Apply(c.cur, op); err != nil {
			return fmt.Errorf("autogen: rename table %s to %q: %w", cur.QualifiedName(), tgt.Name, err)
		}
		delete(curBy, tableKey(tgt.Schema, op.Table))
		curBy[tableKey(tgt.Schema, tgt.Name)] = cur
		out = append(out, op)
		return nil
	}
	for _, t := range c.tgt.Tables {
		if t.RenamedFrom == "" || curBy[tableKey(t.Schema, t.Name)] != nil || tgtBy[tableKey(t.Schema, t.RenamedFrom)] != nil {
			continue
		}
		if old := curBy[tableKey(t.Schema, t.RenamedFrom)]; old != nil {
			if err := rename(old, t); err != nil {
				return nil, err
			}
		}
	}
	if c.opts.Rename == nil {
		return out, nil
	}
	var dropped []*model.Table
	for _, t := range c.cur.Tables {
		if tgtBy[tableKey(t.Schema, t.Name)] == nil {
			dropped = append(dropped, t)
		}
	}
	for _, t := range c.tgt.Tables {
		if curBy[tableKey(t.Schema, t.Name)] != nil {
			continue
		}
		for i, old := range dropped {
			if old == nil || old.Schema != t.Schema || !sameColumnShapes(old, t) {
				continue
			}
			if !c.opts.Rename(RenameCandidate{Kind: "table", Schema: t.Schema, From: old.Name, To: t.Name}) {
				continue
			}
			dropped[i] = nil
			if err := rename(old, t); err != nil {
				return nil, err
			}
			break
		}
	}
	return out, nil
}

// sameColumnShapes reports whether two tables have the same column names,
// in any order, of compatible types.
func sameColumnShapes(a, b *model.Table) bool {
	if len(a.Columns) != len(b.Columns) {
		return false
	}
	for _, col := range a.Columns {
		other := b.Column(col.Name)
		if other == nil || !compatibleTypes(col.Type, other.Type) {
			return false
		}
	}
	return true
}

// renameColumns decides the column renames of an existing table: declared
// ones (RenamedFrom), then, with Options.Rename, a dropped and an added
// column of compatible types, when the user says so. Each is applied to
// c.cur (so that foreign keys elsewhere follow) and recorded in ch.
func (c *comparison) renameColumns(ch *tableChanges) error {
	cur, tgt := ch.cur, ch.tgt
	rename := func(old *model.Column, to string) error {
		col := plainColumn(old)
		col.Name = to
		op := ops.AlterColumn{Schema: cur.Schema, Table: cur.Name, Column: old.Name, Existing: plainColumn(old), New: col}
		ops.QuoteColumnRefs(cur, old.Name, c.quote)
		if err := ops.Apply(c.cur, op); err != nil {
			return fmt.Errorf("autogen: rename column %s.%s to %q: %w", cur.QualifiedName(), old.Name, to, err)
		}
		ch.renames = append(ch.renames, op)
		return nil
	}
	for _, col := range tgt.Columns {
		if col.RenamedFrom == "" || cur.Column(col.Name) != nil || tgt.Column(col.RenamedFrom) != nil {
			continue
		}
		if old := cur.Column(col.RenamedFrom); old != nil {
			if err := rename(old, col.Name); err != nil {
				return err
			}
		}
	}
	if c.opts.Rename == nil {
		return nil
	}
	var dropped []*model.Column
	for _, col := range cur.Columns {
		if tgt.Column(col.Name) == nil {
			dropped = append(dropped, col)
		}
	}
	for _, col := range tgt.Columns {
		if cur.Column(col.Name) != nil {
			continue
		}
		i := slices.IndexFunc(dropped, func(old *model.Column) bool {
			return old != nil && compatibleTypes(old.Type, col.Type) &&
				c.opts.Rename(RenameCandidate{Kind: "column", Schema: cur.Schema, Table: cur.Name, From: old.Name, To: col.Name})
		})
		if i < 0 {
			continue
		}
		old := dropped[i]
		dropped[i] = nil
		if err := rename(old, col.Name); err != nil {
			return err
		}
	}
	return nil
}

// quote quotes an identifier for the dialect (as it is when the dialect
// refuses it: the comparison only reads it).
func (c *comparison) quote(name string) string {
	if q, err := c.d.QuoteIdent(name); err == nil {
		return q
	}
	return name
}

// renormalize puts a table whose columns were renamed back in the
// dialect's normal form: ops.Apply writes the new names into its
// expressions (checks, generated columns, index keys) quoted as given
// (see ops.QuoteColumnRefs), where the target spells them canonically
// (SQLite and MySQL fold the case of names in expressions), which would
// show as changed expressions.
func (c *comparison) renormalize(t *model.Table) {
	n := dialect.Normalize(c.d, &model.MetaData{Tables: []*model.Table{t}})
	*t = *n.Tables[0]
}

// typeFamily groups the kinds whose values convert into each other
// without loss of meaning, for offering a rename.
func typeFamily(k model.TypeKind) int {
	switch k {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt:
		return 1
	case model.KindVarchar, model.KindChar, model.KindText:
		return 2
	case model.KindNumeric, model.KindReal, model.KindDouble:
		return 3
	case model.KindJSON, model.KindJSONB:
		return 4
	case model.KindDate, model.KindTimestamp:
		return 5
	}
	return 100 + int(k)
}

// compatibleTypes reports whether a column of type a renamed to one of
// type b keeps its values: the same kind, or kinds of one family.
func compatibleTypes(a, b model.Type) bool {
	if a.Kind == model.KindRaw || b.Kind == model.KindRaw {
		return a.Equal(b)
	}
	return typeFamily(a.Kind) == typeFamily(b.Kind)
}
