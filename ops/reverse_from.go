package ops

import (
	"slices"

	"github.com/migratego/migrate/model"
)

// priorFiller is implemented by operations whose Reverse needs state that
// the operation may not carry (what a drop destroys, what an alter
// changes): withPrior returns the operation with that state taken from m,
// the schema before the operation, where it is missing and m has it.
type priorFiller interface {
	withPrior(m *model.MetaData) Operation
}

var (
	_ priorFiller = DropTable{}
	_ priorFiller = DropColumn{}
	_ priorFiller = AlterColumn{}
	_ priorFiller = SetTableComment{}
	_ priorFiller = SetRowSecurity{}
	_ priorFiller = SetColumnComment{}
	_ priorFiller = DropIndex{}
	_ priorFiller = DropPrimaryKey{}
	_ priorFiller = DropUnique{}
	_ priorFiller = DropForeignKey{}
	_ priorFiller = DropCheck{}
	_ priorFiller = DropEnum{}
	_ priorFiller = DropSequence{}
	_ priorFiller = DropView{}
	_ priorFiller = DropSchema{}
	_ priorFiller = DropExtension{}
	_ priorFiller = DropDomain{}
	_ priorFiller = DropDefinition{}
	_ priorFiller = AddEnumValue{}
	_ priorFiller = ReplaceDefinition{}
)

// ReverseFrom returns the inverse of op, taking the state the inverse needs
// from m, the schema before op, where op does not carry it: the column a
// DropColumn drops, the definition an AlterColumn changes, the index of a
// DropIndex, and so on. It needs no database and no dialect. m is not
// changed; an operation that carries its state, or that m does not know,
// reverses as by its own Reverse.
func ReverseFrom(m *model.MetaData, op Operation) (Operation, error) {
	if f, ok := op.(priorFiller); ok && m != nil {
		op = f.withPrior(m)
	}
	return op.Reverse()
}

// priorTable returns table (schema, name) of m, or nil.
func priorTable(m *model.MetaData, schema, name string) *model.Table {
	if i := tableIndex(m, schema, name); i >= 0 {
		return m.Tables[i]
	}
	return nil
}

// priorColumn returns a copy of the column of table (schema, name) in m,
// or nil.
func priorColumn(m *model.MetaData, schema, table, column string) *model.Column {
	t := priorTable(m, schema, table)
	if t == nil {
		return nil
	}
	if i := findNamed(t.Columns, columnName, column); i >= 0 {
		return t.Columns[i].Clone()
	}
	return nil
}

func (o DropTable) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil {
		o.Existing = t.Clone()
	}
	return o
}

func (o DropColumn) withPrior(m *model.MetaData) Operation {
	if o.Existing == nil {
		o.Existing = priorColumn(m, o.Schema, o.Table, o.Column)
	}
	return o
}

func (o AlterColumn) withPrior(m *model.MetaData) Operation {
	if o.Existing == nil {
		o.Existing = priorColumn(m, o.Schema, o.Table, o.Column)
	}
	if o.Existing != nil && o.New != nil && o.New.Type.Kind == model.KindInvalid {
		// An unset New.Type keeps the type: say so, for the inverse.
		o.New = o.New.Clone()
		o.New.Type = o.Existing.Type
	}
	return o
}

func (o SetTableComment) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == "" && t != nil {
		o.Existing = t.Comment
	}
	return o
}

func (o SetColumnComment) withPrior(m *model.MetaData) Operation {
	if col := priorColumn(m, o.Schema, o.Table, o.Column); col != nil {
		if o.Existing == "" {
			o.Existing = col.Comment
		}
		if o.Definition == nil {
			o.Definition = col
		}
	}
	return o
}

func (o DropIndex) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil {
		if i := findNamed(t.Indexes, indexName, o.index().Name); i >= 0 {
			o.Existing = cloneIndex(t.Indexes[i])
		}
	}
	return o
}

func (o DropPrimaryKey) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil && t.PrimaryKey != nil {
		pk := *t.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		o.Existing = &pk
	}
	return o
}

func (o DropUnique) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil {
		if i := findNamed(t.Uniques, uniqueName, o.unique().Name); i >= 0 {
			u := *t.Uniques[i]
			u.Columns = slices.Clone(u.Columns)
			o.Existing = &u
		}
	}
	return o
}

func (o DropForeignKey) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil {
		if i := findNamed(t.ForeignKeys, foreignKeyName, o.key().Name); i >= 0 {
			fk := *t.ForeignKeys[i]
			fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
			o.Existing = &fk
		}
	}
	return o
}

func (o DropCheck) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil {
		if i := findNamed(t.Checks, checkName, o.check().Name); i >= 0 {
			ck := *t.Checks[i]
			o.Existing = &ck
		}
	}
	return o
}

func (o DropEnum) withPrior(m *model.MetaData) Operation {
	if i := findNamed(m.Enums, enumName, qualified(o.Schema, o.Enum)); len(o.Values) == 0 && i >= 0 {
		o.Values = slices.Clone(m.Enums[i].Values)
	}
	return o
}

func (o DropSequence) withPrior(m *model.MetaData) Operation {
	if i := findNamed(m.Sequences, sequenceName, qualified(o.Schema, o.Sequence)); o.Existing == nil && i >= 0 {
		o.Existing = m.Sequences[i].Clone()
	}
	return o
}

func (o DropView) withPrior(m *model.MetaData) Operation {
	if i := findNamed(m.Views, viewName, qualified(o.Schema, o.View)); o.Existing == nil && i >= 0 {
		v := *m.Views[i]
		o.Existing = &v
	}
	return o
}

func (o DropSchema) withPrior(m *model.MetaData) Operation {
	if i := findNamed(m.Schemas, schemaName, o.Schema); o.Existing == nil && i >= 0 {
		s := *m.Schemas[i]
		o.Existing = &s
	}
	return o
}

func (o DropExtension) withPrior(m *model.MetaData) Operation {
	if i := findNamed(m.Extensions, extensionName, o.Extension); o.Existing == nil && i >= 0 {
		e := *m.Extensions[i]
		o.Existing = &e
	}
	return o
}

func (o DropDomain) withPrior(m *model.MetaData) Operation {
	if i := findNamed(m.Domains, domainName, qualified(o.Schema, o.Domain)); o.Existing == nil && i >= 0 {
		o.Existing = m.Domains[i].Clone()
	}
	return o
}

func (o DropDefinition) withPrior(m *model.MetaData) Operation {
	if o.Definition == nil || o.Definition.SQL != "" {
		return o
	}
	if i := definitionIndex(m, o.Definition); i >= 0 {
		o.Definition = m.Definitions[i].Clone()
	}
	return o
}

func (o ReplaceDefinition) withPrior(m *model.MetaData) Operation {
	if o.From == nil || o.From.SQL != "" {
		return o
	}
	if i := definitionIndex(m, o.From); i >= 0 {
		o.From = m.Definitions[i].Clone()
	}
	return o
}
