package model

import (
	"reflect"
	"testing"
)

func TestCloneIsEqual(t *testing.T) {
	md := kitchenSink()
	c := md.Clone()
	if !reflect.DeepEqual(md, c) {
		t.Fatal("clone differs from the original")
	}
	if (*MetaData)(nil).Clone() != nil {
		t.Error("nil.Clone() != nil")
	}
}

// Mutating every reachable part of the clone leaves the original as it was.
func TestCloneIsDeep(t *testing.T) {
	mutations := []struct {
		name   string
		mutate func(*MetaData)
	}{
		{"table slice", func(m *MetaData) { m.Tables[0] = &Table{Name: "x"} }},
		{"table field", func(m *MetaData) { m.Tables[0].Name = "x" }},
		{"column slice", func(m *MetaData) { m.Tables[0].Columns[0] = &Column{Name: "x"} }},
		{"column field", func(m *MetaData) { m.Tables[0].Columns[0].Name = "x" }},
		{"column type values", func(m *MetaData) { m.Tables[0].Column("mood").Type.Values[0] = "x" }},
		{"default", func(m *MetaData) { m.Tables[0].Column("label").Default.Literal = "x" }},
		{"identity", func(m *MetaData) { m.Tables[0].Column("id").Identity.Start = 99 }},
		{"generated", func(m *MetaData) { m.Tables[0].Column("total").Generated.Expr = "x" }},
		{"primary key", func(m *MetaData) { m.Tables[0].PrimaryKey.Name = "x" }},
		{"primary key columns", func(m *MetaData) { m.Tables[0].PrimaryKey.Columns[0] = "x" }},
		{"foreign key", func(m *MetaData) { m.Tables[0].ForeignKeys[0].OnDelete = Restrict }},
		{"foreign key columns", func(m *MetaData) { m.Tables[0].ForeignKeys[0].Columns[0] = "x" }},
		{"foreign key ref columns", func(m *MetaData) { m.Tables[0].ForeignKeys[0].RefColumns[0] = "x" }},
		{"unique", func(m *MetaData) { m.Tables[0].Uniques[0].Name = "x" }},
		{"unique columns", func(m *MetaData) { m.Tables[0].Uniques[0].Columns[0] = "x" }},
		{"check", func(m *MetaData) { m.Tables[0].Checks[0].Expr = "x" }},
		{"index", func(m *MetaData) { m.Tables[0].Indexes[0].Where = "x" }},
		{"index parts", func(m *MetaData) { m.Tables[0].Indexes[0].Parts[0].Column = "x" }},
		{"index include", func(m *MetaData) { m.Tables[0].Indexes[0].Include[0] = "x" }},
		{"options", func(m *MetaData) { m.Tables[0].Options["ENGINE"] = "x" }},
		{"append to a slice", func(m *MetaData) {
			m.Tables[0].Columns = append(m.Tables[0].Columns, &Column{Name: "x"})
			m.Tables[0].PrimaryKey.Columns = append(m.Tables[0].PrimaryKey.Columns, "x")
		}},
		{"enum", func(m *MetaData) { m.Enums[0].Name = "x" }},
		{"enum values", func(m *MetaData) { m.Enums[0].Values[0] = "x" }},
		{"sequence", func(m *MetaData) { m.Sequences[0].Start = 99 }},
		{"sequence min", func(m *MetaData) { *m.Sequences[0].MinValue = 99 }},
		{"sequence max", func(m *MetaData) { *m.Sequences[0].MaxValue = 99 }},
		{"view", func(m *MetaData) { m.Views[0].Definition = "x" }},
		{"view depends on", func(m *MetaData) { m.Views[1].DependsOn[0].Name = "x" }},
		{"schema", func(m *MetaData) { m.Schemas[0].Name = "x" }},
		{"extension", func(m *MetaData) { m.Extensions[0].Version = "x" }},
		{"domain", func(m *MetaData) { m.Domains[0].NotNull = false }},
		{"domain default", func(m *MetaData) { m.Domains[0].Default.Literal = "x" }},
		{"domain checks", func(m *MetaData) { m.Domains[0].Checks[0].Expr = "x" }},
		{"definition", func(m *MetaData) { m.Definitions[0].SQL = "x" }},
		{"definition depends on", func(m *MetaData) { m.Definitions[1].DependsOn[0].Name = "x" }},
		{"exclusion", func(m *MetaData) { m.Tables[0].Exclusions[0].Where = "x" }},
		{"exclusion elements", func(m *MetaData) { m.Tables[0].Exclusions[0].Elements[0].Operator = "x" }},
		{"exclusion include", func(m *MetaData) { m.Tables[0].Exclusions[0].Include[0] = "x" }},
		{"partition by", func(m *MetaData) { m.Tables[1].PartitionBy.Key = "x" }},
		{"partition of", func(m *MetaData) { m.Tables[2].PartitionOf.Bound = "x" }},
		{"naming", func(m *MetaData) { m.Naming.Index = "x" }},
		{"apply naming", func(m *MetaData) { m.Tables[0].Checks[0].Name = ""; m.ApplyNaming() }},
	}
	for _, tt := range mutations {
		t.Run(tt.name, func(t *testing.T) {
			orig := kitchenSink()
			c := orig.Clone()
			tt.mutate(c)
			if !reflect.DeepEqual(orig, kitchenSink()) {
				t.Error("mutating the clone changed the original")
			}
		})
	}
}

func TestCloneTableAndColumn(t *testing.T) {
	tab := kitchenSink().Tables[0]
	c := tab.Clone()
	if !reflect.DeepEqual(tab, c) {
		t.Fatal("table clone differs")
	}
	c.Columns[0].Identity.Always = false
	if !tab.Columns[0].Identity.Always {
		t.Error("column identity shared")
	}
	bare := &Table{Name: "t", Columns: []*Column{{Name: "a", Type: Text}}}
	if bc := bare.Clone(); bc.PrimaryKey != nil || bc.Options != nil || bc.ForeignKeys != nil {
		t.Errorf("clone of a bare table grew fields: %#v", bc)
	}
}
