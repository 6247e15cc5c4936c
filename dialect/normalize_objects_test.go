package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

// The default NULLS order of a direction is no order; the other one stays,
// and so do the two defaults swapped.
func TestNormalizeNulls(t *testing.T) {
	tests := []struct {
		in   model.IndexPart
		want model.NullsOrder
	}{
		{model.IndexPart{Column: "a", Nulls: model.NullsLast}, ""},
		{model.IndexPart{Column: "a", Nulls: model.NullsFirst}, model.NullsFirst},
		{model.IndexPart{Column: "a", Desc: true, Nulls: model.NullsFirst}, ""},
		{model.IndexPart{Column: "a", Desc: true, Nulls: model.NullsLast}, model.NullsLast},
		{model.IndexPart{Column: "a"}, ""},
	}
	for _, tt := range tests {
		p := tt.in
		normalizeNull(&p)
		if p.Nulls != tt.want {
			t.Errorf("normalizeNull(%+v) = %q, want %q", tt.in, p.Nulls, tt.want)
		}
	}
}

func TestNormalizeObjects(t *testing.T) {
	d := Postgres()
	md := &model.MetaData{
		Tables: []*model.Table{{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Integer}},
			Exclusions: []*model.Exclusion{{Method: "BTREE", Where: "(a > 0)",
				Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: "a", Nulls: model.NullsLast}, Operator: "="}}}},
			PartitionBy: &model.PartitionBy{Strategy: "RANGE", Key: "a"}}},
		Domains:     []*model.Domain{{Name: "d", Type: model.Raw("int4"), Checks: []*model.Check{{Expr: "((VALUE > 0))"}}}},
		Sequences:   []*model.Sequence{{Name: "s", As: "BIGINT"}, {Name: "s2", As: "integer"}},
		Definitions: []*model.Definition{{Kind: model.DefFunction, Name: "f", SQL: "  CREATE FUNCTION f() …;\n"}},
	}
	n := Normalize(d, md)
	ex := n.Tables[0].Exclusions[0]
	switch {
	case ex.Method != "" || ex.Elements[0].Nulls != "" || ex.Where != CanonicalExpr(d, n.Tables[0], "a > 0"):
		t.Errorf("exclusion = %+v", ex)
	case n.Tables[0].PartitionBy.Strategy != "range":
		t.Errorf("strategy = %q", n.Tables[0].PartitionBy.Strategy)
	case !n.Domains[0].Type.Equal(model.Integer) || n.Domains[0].Checks[0].Expr != CanonicalExpr(d, nil, "VALUE > 0"):
		t.Errorf("domain = %+v, check %q", n.Domains[0], n.Domains[0].Checks[0].Expr)
	case n.Sequences[0].As != "" || n.Sequences[1].As != "integer":
		t.Errorf("sequences As = %q, %q", n.Sequences[0].As, n.Sequences[1].As)
	case n.Definitions[0].SQL != "CREATE FUNCTION f() …":
		t.Errorf("definition SQL = %q", n.Definitions[0].SQL)
	}
	if md.Sequences[0].As != "BIGINT" {
		t.Error("Normalize changed its argument")
	}
}
