package autogen

import (
	"fmt"
	"reflect"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// columns compares the columns of an existing table (renames already
// applied to cur): columns to drop, to add, and to change.
func (c *comparison) columns(cur, tgt *model.Table) (drops, adds, alters []ops.Operation) {
	curCol := lookup(cur.Columns, columnName)
	tgtCol := lookup(tgt.Columns, columnName)
	for _, col := range cur.Columns {
		if _, ok := tgtCol(col.Name); !ok {
			drops = append(drops, dropColumn(cur, col))
			c.warnDataLoss(cur, col)
		}
	}
	for _, col := range tgt.Columns {
		old, _ := curCol(col.Name)
		switch {
		case old == nil:
			adds = append(adds, ops.AddColumn{Schema: tgt.Schema, Table: tgt.Name, Column: plainColumn(col)})
		case !sameGenerated(old.Generated, col.Generated):
			// A generated column's expression cannot be altered: the
			// column is made again.
			drops = append(drops, dropColumn(cur, old))
			adds = append(adds, ops.AddColumn{Schema: tgt.Schema, Table: tgt.Name, Column: plainColumn(col)})
			if old.Generated == nil {
				c.warnDataLoss(cur, old)
			}
		case !sameColumn(c.d, old, col):
			alters = append(alters, c.alterColumn(tgt, old, col))
			if !compatibleTypes(old.Type, col.Type) {
				c.warn(Object{Kind: "column", Schema: tgt.Schema, Table: tgt.Name, Name: col.Name},
					fmt.Sprintf("%s.%s: the type changes from %s to %s; the database may refuse to convert the values it holds "+
						"(give the alter_column a USING conversion, or convert them first)", tgt.QualifiedName(), col.Name, old.Type, col.Type))
			}
		}
	}
	return drops, adds, alters
}

// columnName is the name of a column, for lookup.
func columnName(c *model.Column) string { return c.Name }

// dropColumn drops col of t, carrying its definition.
func dropColumn(t *model.Table, col *model.Column) ops.Operation {
	return ops.DropColumn{Schema: t.Schema, Table: t.Name, Column: col.Name, Existing: plainColumn(col)}
}

// alterColumn changes old to col: a comment alone by SetColumnComment,
// anything else by AlterColumn with both definitions.
func (c *comparison) alterColumn(t *model.Table, old, col *model.Column) ops.Operation {
	withComment := old.Clone()
	withComment.Comment = col.Comment
	if sameColumnDef(withComment, col) {
		return ops.SetColumnComment{Schema: t.Schema, Table: t.Name, Column: col.Name,
			Comment: col.Comment, Existing: old.Comment, Definition: plainColumn(old)}
	}
	op := ops.AlterColumn{Schema: t.Schema, Table: t.Name, Column: old.Name, Existing: plainColumn(old), New: plainColumn(col)}
	op.Using = c.enumUsing(col.Name, old.Type, col.Type)
	op.ReverseUsing = c.enumUsing(col.Name, col.Type, old.Type)
	return op
}

// enumUsing returns the USING conversion of a column to or from a named
// enum type ("col"::text::mood), which the database does not make by
// itself; "" when none is needed or the dialect cannot spell it.
func (c *comparison) enumUsing(column string, from, to model.Type) string {
	if !c.d.Capabilities().NamedEnumTypes || sameType(c.d, from, to) ||
		(from.Kind != model.KindEnum && to.Kind != model.KindEnum) {
		return ""
	}
	col, err := c.d.QuoteIdent(column)
	if err != nil {
		return ""
	}
	typ, err := c.d.RenderType(to)
	if err != nil {
		return ""
	}
	return col + "::text::" + typ
}

// plainColumn returns a copy of col for an operation, without the rename
// declaration (which only Compare reads).
func plainColumn(col *model.Column) *model.Column {
	col = col.Clone()
	col.RenamedFrom = ""
	return col
}

// sameColumn reports whether two normalised columns are the same, their
// types compared as the dialect keeps them (see sameType).
func sameColumn(d dialect.Dialect, a, b *model.Column) bool {
	return sameType(d, a.Type, b.Type) && sameColumnRest(a, b)
}

// sameColumnDef compares two columns field by field, their names and
// rename declarations aside.
func sameColumnDef(a, b *model.Column) bool {
	return a.Type.Equal(b.Type) && sameColumnRest(a, b)
}

// sameColumnRest compares what sameColumnDef compares but the type.
func sameColumnRest(a, b *model.Column) bool {
	return a.Nullable == b.Nullable && a.AutoIncrement == b.AutoIncrement && a.Invisible == b.Invisible &&
		a.Collation == b.Collation && a.CollationSchema == b.CollationSchema && a.Comment == b.Comment &&
		sameDefault(a.Default, b.Default) && samePtr(a.Identity, b.Identity) && samePtr(a.Generated, b.Generated)
}

// sameDefault compares two normalised server defaults.
func sameDefault(a, b *model.Default) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Expr == b.Expr && reflect.DeepEqual(a.Literal, b.Literal)
}

// sameGenerated reports whether two generation clauses are both absent or
// equal.
func sameGenerated(a, b *model.Generated) bool { return samePtr(a, b) }

// sameType compares column types. Where enums are named types of their own
// (PostgreSQL), a column refers to its type by name: the values belong to
// the type, which is compared apart from tables.
func sameType(d dialect.Dialect, a, b model.Type) bool {
	if d.Capabilities().NamedEnumTypes && a.Kind == model.KindEnum && b.Kind == model.KindEnum && a.EnumName != "" {
		return a.EnumName == b.EnumName && a.EnumSchema == b.EnumSchema
	}
	return a.Equal(b)
}

// warnDataLoss warns that dropping col of t loses its data.
func (c *comparison) warnDataLoss(t *model.Table, col *model.Column) {
	c.warn(Object{Kind: "column", Schema: t.Schema, Table: t.Name, Name: col.Name},
		fmt.Sprintf("%s.%s: dropped; its data will be lost (if it was renamed: declare RenamedFrom: %q on the new column in a Go model, or run revision --autogenerate --interactive)",
			t.QualifiedName(), col.Name, col.Name))
}
