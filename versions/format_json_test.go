package versions

import (
	"reflect"
	"testing"
)

func TestFormatterJSON(t *testing.T) {
	g, err := NewGraph([]*Revision{
		{ID: "a", Message: "base", Path: "versions/a.sql"},
		{ID: "b", Revises: []string{"a"}, Message: "left", BranchLabels: []string{"lb"}},
		{ID: "c", Revises: []string{"a"}, Message: "right"},
		{ID: "d", Revises: []string{"b"}, DependsOn: []string{"c"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &Formatter{Graph: g, Kind: func(r *Revision) string { return "sql-" + r.ID }}
	tr, fa := true, false
	tests := []struct {
		id      string
		current map[string]bool
		want    RevisionJSON
	}{
		{id: "a", want: RevisionJSON{ID: "a", Revises: []string{}, BranchLabels: []string{}, Message: "base",
			Path: "versions/a.sql", Kind: "sql-a", BranchPoint: true, Children: []string{"b", "c"}}},
		{id: "c", want: RevisionJSON{ID: "c", Revises: []string{"a"}, BranchLabels: []string{}, Message: "right",
			Kind: "sql-c", Head: false, EffectiveHead: true}},
		{id: "d", current: map[string]bool{"d": true}, want: RevisionJSON{ID: "d", Revises: []string{"b"}, DependsOn: []string{"c"},
			BranchLabels: []string{"lb"}, Kind: "sql-d", Head: true, Current: &tr}},
		{id: "b", current: map[string]bool{"d": true}, want: RevisionJSON{ID: "b", Revises: []string{"a"}, BranchLabels: []string{"lb"},
			Declared: []string{"lb"}, Message: "left", Kind: "sql-b", Current: &fa}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			f.Current = tt.current
			if got := f.JSON(g.Revision(tt.id)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	if got, want := f.PictureLabel(g.Revision("a")), []string{f.HeadOnly(g.Revision("a"), true, false, false, true), "base"}; !reflect.DeepEqual(got, want) {
		t.Errorf("PictureLabel = %q, want %q", got, want)
	}
}

func TestFormatterBranchJSON(t *testing.T) {
	g, err := NewGraph([]*Revision{
		{ID: "a"}, {ID: "b", Revises: []string{"a"}}, {ID: "c", Revises: []string{"a"}},
		{ID: "d", Revises: []string{"c"}}, {ID: "e", Revises: []string{"c"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &Formatter{Graph: g}
	if got := ids(g.WalkBranchPoints()); got != "c a" {
		t.Errorf("WalkBranchPoints = %s, want c a", got)
	}
	bj := f.BranchJSON(g.Revision("a"))
	if bj.ID != "a" || len(bj.Branches) != 2 || bj.Branches[0].ID != "b" || bj.Branches[1].ID != "c" {
		t.Errorf("BranchJSON(a) = %+v", bj)
	}
	if got := f.JSONList(nil); got == nil || len(got) != 0 {
		t.Errorf("JSONList(nil) = %#v, want empty", got)
	}
	if got := f.BranchesJSON(g.WalkBranchPoints()); len(got.Branches) != 2 || got.Branches[0].ID != "c" || got.Branches[1].ID != "a" {
		t.Errorf("BranchesJSON = %+v", got)
	}
	if got := f.BranchesJSON(nil); got.Branches == nil {
		t.Error("BranchesJSON(nil) has nil Branches (null in JSON)")
	}
}
