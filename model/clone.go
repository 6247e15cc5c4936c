package model

import (
	"maps"
	"slices"
)

// Clone returns a deep copy of the model, so that callers may name or
// rewrite objects without touching the original.
func (m *MetaData) Clone() *MetaData {
	if m == nil {
		return nil
	}
	out := &MetaData{Naming: m.Naming}
	for _, s := range m.Schemas {
		c := *s
		out.Schemas = append(out.Schemas, &c)
	}
	for _, e := range m.Extensions {
		c := *e
		out.Extensions = append(out.Extensions, &c)
	}
	for _, d := range m.Domains {
		out.Domains = append(out.Domains, d.Clone())
	}
	for _, t := range m.Tables {
		out.Tables = append(out.Tables, t.Clone())
	}
	for _, e := range m.Enums {
		out.Enums = append(out.Enums, e.Clone())
	}
	for _, s := range m.Sequences {
		out.Sequences = append(out.Sequences, s.Clone())
	}
	for _, v := range m.Views {
		c := *v
		c.DependsOn = slices.Clone(v.DependsOn)
		c.Columns = slices.Clone(v.Columns)
		c.ColumnComments = maps.Clone(v.ColumnComments)
		c.ColumnDefaults = maps.Clone(v.ColumnDefaults)
		out.Views = append(out.Views, &c)
	}
	for _, d := range m.Definitions {
		out.Definitions = append(out.Definitions, d.Clone())
	}
	out.CharsetDefaults = maps.Clone(m.CharsetDefaults)
	return out
}

// Clone returns a deep copy of the domain.
func (d *Domain) Clone() *Domain {
	c := *d
	c.Type.Values = slices.Clone(d.Type.Values)
	c.Default = clonePtr(d.Default)
	c.Checks = cloneChecks(d.Checks)
	return &c
}

// Clone returns a deep copy of the enum type, or nil.
func (e *EnumType) Clone() *EnumType {
	if e == nil {
		return nil
	}
	c := *e
	c.Values = slices.Clone(e.Values)
	return &c
}

// Clone returns a deep copy of the sequence, or nil.
func (s *Sequence) Clone() *Sequence {
	if s == nil {
		return nil
	}
	c := *s
	c.MinValue = clonePtr(s.MinValue)
	c.MaxValue = clonePtr(s.MaxValue)
	return &c
}

// Clone returns a deep copy of the definition, or nil.
func (d *Definition) Clone() *Definition {
	if d == nil {
		return nil
	}
	c := *d
	c.DependsOn = slices.Clone(d.DependsOn)
	return &c
}

func cloneChecks(checks []*Check) []*Check {
	var out []*Check
	for _, ck := range checks {
		x := *ck
		out = append(out, &x)
	}
	return out
}

// Clone returns a deep copy of the table.
func (t *Table) Clone() *Table {
	c := *t
	if t.Columns != nil { // a partition's nil columns stay nil
		c.Columns = make([]*Column, len(t.Columns))
		for i, col := range t.Columns {
			c.Columns[i] = col.Clone()
		}
	}
	if t.PrimaryKey != nil {
		pk := *t.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		c.PrimaryKey = &pk
	}
	c.ForeignKeys = nil
	for _, fk := range t.ForeignKeys {
		f := *fk
		f.Columns = slices.Clone(fk.Columns)
		f.RefColumns = slices.Clone(fk.RefColumns)
		c.ForeignKeys = append(c.ForeignKeys, &f)
	}
	c.Uniques = nil
	for _, u := range t.Uniques {
		x := *u
		x.Columns = slices.Clone(u.Columns)
		c.Uniques = append(c.Uniques, &x)
	}
	c.Checks = cloneChecks(t.Checks)
	c.Indexes = nil
	for _, ix := range t.Indexes {
		x := *ix
		x.Parts = slices.Clone(ix.Parts)
		x.Include = slices.Clone(ix.Include)
		c.Indexes = append(c.Indexes, &x)
	}
	c.Exclusions = nil
	for _, ex := range t.Exclusions {
		x := *ex
		x.Elements = slices.Clone(ex.Elements)
		x.Include = slices.Clone(ex.Include)
		c.Exclusions = append(c.Exclusions, &x)
	}
	c.PartitionBy = clonePtr(t.PartitionBy)
	c.PartitionOf = clonePtr(t.PartitionOf)
	if t.Options != nil {
		c.Options = make(map[string]string, len(t.Options))
		for k, v := range t.Options {
			c.Options[k] = v
		}
	}
	return &c
}

// Clone returns a deep copy of the column.
func (c *Column) Clone() *Column {
	x := *c
	x.Type.Values = slices.Clone(c.Type.Values)
	if c.Default != nil {
		d := *c.Default
		x.Default = &d
	}
	if c.Identity != nil {
		i := *c.Identity
		x.Identity = &i
	}
	if c.Generated != nil {
		g := *c.Generated
		x.Generated = &g
	}
	return &x
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
