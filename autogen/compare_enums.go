package autogen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// compareEnums compares named enum types, where the database has them
// (on MySQL and SQLite an enum is a column type, compared with its
// column). A new type is created before the tables; a type the model no
// longer has is dropped after them, once the columns using it are gone,
// so that a downgrade drops what an upgrade created and the upgrade can
// run again.
//
// Values added while the existing ones keep their order become ALTER TYPE
// … ADD VALUE, each BEFORE or AFTER its neighbour, so the order is the
// model's. PostgreSQL has no statement that removes or reorders values:
// then the type is created again with the model's values and its columns
// moved to it (ops.AlterEnum), with a warning, since a row holding a
// removed value makes the upgrade fail.
func (oc *objectComparison) compareEnums() {
	if !oc.d.Capabilities().NamedEnumTypes {
		return
	}
	diffObjects(oc.cur.Enums, oc.tgt.Enums, func(e *model.EnumType) string { return qualifiedName(e.Schema, e.Name) },
		func(c, e *model.EnumType) {
			switch {
			case c == nil:
				oc.enums = append(oc.enums, ops.CreateEnum{Enum: e.Clone()})
			case slices.Equal(c.Values, e.Values):
			default:
				if oc.retypedEnums == nil {
					oc.retypedEnums = map[string]bool{}
				}
				oc.retypedEnums[qualifiedName(e.Schema, e.Name)] = true
				oc.changeEnum(c, e)
			}
		},
		func(c *model.EnumType) {
			oc.dropEnums = append(oc.dropEnums, ops.DropEnum{Schema: c.Schema, Enum: c.Name, Values: slices.Clone(c.Values)})
		})
}

// changeEnum adds the values of e that c lacks, or, when c's values are
// not all kept in their order, creates the type again with a warning.
func (oc *objectComparison) changeEnum(c, e *model.EnumType) {
	if adds, ok := enumAdditions(c, e); ok {
		oc.enums = append(oc.enums, adds...)
		return
	}
	oc.enums = append(oc.enums, ops.AlterEnum{Schema: e.Schema, Enum: e.Name,
		From: slices.Clone(c.Values), To: slices.Clone(e.Values), Columns: oc.enumColumns(c)})
	msg := fmt.Sprintf("enum type %s: its values change from (%s) to (%s), which ALTER TYPE cannot do: the type is created again "+
		"and its columns moved to it", qualifiedName(e.Schema, e.Name), strings.Join(c.Values, ", "), strings.Join(e.Values, ", "))
	if gone := removedValues(c.Values, e.Values); len(gone) > 0 {
		msg += fmt.Sprintf("; rows holding %s make the upgrade fail: update them first (an ops.Execute before it)",
			strings.Join(gone, ", "))
	}
	oc.warn(Object{Kind: "enum", Schema: e.Schema, Name: e.Name}, msg)
}

// enumAdditions returns the AddEnumValue operations that turn cur's values
// into tgt's, or false when tgt does not keep every value of cur in the
// same order. Values before the first kept one are added BEFORE their
// successor, from the last to the first; the others AFTER their
// predecessor.
func enumAdditions(cur, tgt *model.EnumType) ([]ops.Operation, bool) {
	have := map[string]bool{}
	for _, v := range cur.Values {
		have[v] = true
	}
	var kept []string
	first := -1
	for i, v := range tgt.Values {
		if have[v] {
			kept = append(kept, v)
			if first < 0 {
				first = i
			}
		}
	}
	if !slices.Equal(kept, cur.Values) || first < 0 {
		return nil, false
	}
	var out []ops.Operation
	add := func(v, before, after string) {
		out = append(out, ops.AddEnumValue{Schema: tgt.Schema, Enum: tgt.Name, Value: v, Before: before, After: after})
	}
	for i := first - 1; i >= 0; i-- {
		add(tgt.Values[i], tgt.Values[i+1], "")
	}
	for i := first + 1; i < len(tgt.Values); i++ {
		if !have[tgt.Values[i]] {
			add(tgt.Values[i], "", tgt.Values[i-1])
		}
	}
	return out, true
}

// removedValues lists the values of from that to lacks.
func removedValues(from, to []string) []string {
	var out []string
	for _, v := range from {
		if !slices.Contains(to, v) {
			out = append(out, v)
		}
	}
	return out
}

// enumColumns lists the columns of the current schema typed by e, which an
// AlterEnum moves to the new type.
func (oc *objectComparison) enumColumns(e *model.EnumType) []ops.EnumColumn {
	var out []ops.EnumColumn
	for _, t := range oc.cur.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == model.KindEnum && c.Type.EnumName == e.Name && c.Type.EnumSchema == e.Schema {
				col := ops.EnumColumn{Schema: t.Schema, Table: t.Name, Column: c.Name}
				if c.Default != nil {
					def := *c.Default
					col.Default = &def
				}
				out = append(out, col)
			}
		}
	}
	return out
}

// viewsOverEnums returns the views of the database, kept by the model,
// that read a column of an enum type whose values change: they are
// dropped before the type changes and created again after it (see
// compareLateObjects). PostgreSQL refuses to change the type of a column
// a view reads, which ops.AlterEnum does, in the upgrade when values are
// removed or reordered, and in the downgrade of values added (the type
// without them is created again). A view reads such a column when its
// text names both the column and its table; one named so without reading
// it is only made again.
func (oc *objectComparison) viewsOverEnums(cur, tgt map[string]*model.View) map[string]bool {
	if len(oc.retypedEnums) == 0 {
		return nil
	}
	type tableCol struct{ table, column string }
	var cols []tableCol
	for _, t := range oc.cur.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == model.KindEnum && oc.retypedEnums[qualifiedName(c.Type.EnumSchema, c.Type.EnumName)] {
				cols = append(cols, tableCol{strings.ToLower(t.Name), strings.ToLower(c.Name)})
			}
		}
	}
	out := map[string]bool{}
	for key, v := range cur {
		if tgt[key] == nil {
			continue
		}
		words := textWords(v.Definition)
		if slices.ContainsFunc(cols, func(tc tableCol) bool { return words[tc.table] && words[tc.column] }) {
			out[key] = true
		}
	}
	return out
}

// textWords returns the words of SQL text, lower case: names, quoted or
// not, and keywords.
func textWords(text string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		words[w] = true
	}
	return words
}
