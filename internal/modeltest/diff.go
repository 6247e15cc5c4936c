// Package modeltest compares models in tests and reports the smallest
// differing object, so that a failing round trip points at one column,
// constraint or index instead of dumping two whole schemas.
package modeltest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/migratego/migrate/model"
)

// Diff returns "" when the models are equal, or a description of every
// differing object, smallest first within each table.
func Diff(want, got *model.MetaData) string {
	var out []string
	add := func(what string, w, g any) {
		out = append(out, fmt.Sprintf("%s:\n  want %s\n  got  %s", what, js(w), js(g)))
	}
	wt, gt := tablesByName(want), tablesByName(got)
	for _, name := range keys(wt, gt) {
		w, g := wt[name], gt[name]
		switch {
		case w == nil:
			add("unexpected table "+name, nil, g)
			continue
		case g == nil:
			add("missing table "+name, w, nil)
			continue
		}
		out = append(out, diffTable(name, w, g)...)
	}
	diffNamed(&out, "enum", want.Enums, got.Enums, func(e *model.EnumType) string { return e.Name })
	diffNamed(&out, "sequence", want.Sequences, got.Sequences, func(s *model.Sequence) string { return s.Name })
	diffNamed(&out, "view", want.Views, got.Views, func(v *model.View) string { return v.Name })
	diffNamed(&out, "schema", want.Schemas, got.Schemas, func(s *model.Schema) string { return s.Name })
	diffNamed(&out, "extension", want.Extensions, got.Extensions, func(e *model.Extension) string { return e.Name })
	diffNamed(&out, "domain", want.Domains, got.Domains, func(d *model.Domain) string { return d.Schema + "." + d.Name })
	diffNamed(&out, "definition", want.Definitions, got.Definitions, func(d *model.Definition) string { return d.Identity() })
	return strings.Join(out, "\n")
}

func diffTable(name string, w, g *model.Table) []string {
	var out []string
	add := func(what string, a, b any) {
		out = append(out, fmt.Sprintf("table %s: %s:\n  want %s\n  got  %s", name, what, js(a), js(b)))
	}
	if len(w.Columns) != len(g.Columns) || !reflect.DeepEqual(w.ColumnNames(), g.ColumnNames()) {
		add("column names", w.ColumnNames(), g.ColumnNames())
	}
	for _, wc := range w.Columns {
		if gc := g.Column(wc.Name); gc != nil && !columnsEqual(wc, gc) {
			add("column "+wc.Name, wc, gc)
		}
	}
	if !reflect.DeepEqual(w.PrimaryKey, g.PrimaryKey) {
		add("primary key", w.PrimaryKey, g.PrimaryKey)
	}
	diffNamed(&out, "table "+name+": foreign key", w.ForeignKeys, g.ForeignKeys, func(f *model.ForeignKey) string { return f.Name })
	diffNamed(&out, "table "+name+": unique", w.Uniques, g.Uniques, func(u *model.Unique) string { return u.Name })
	diffNamed(&out, "table "+name+": check", w.Checks, g.Checks, func(c *model.Check) string { return c.Name })
	diffNamed(&out, "table "+name+": index", w.Indexes, g.Indexes, func(i *model.Index) string { return i.Name })
	diffNamed(&out, "table "+name+": exclusion constraint", w.Exclusions, g.Exclusions, func(e *model.Exclusion) string { return e.Name })
	if !reflect.DeepEqual(w.PartitionBy, g.PartitionBy) {
		add("partition by", w.PartitionBy, g.PartitionBy)
	}
	if !reflect.DeepEqual(w.PartitionOf, g.PartitionOf) {
		add("partition of", w.PartitionOf, g.PartitionOf)
	}
	if w.Strict != g.Strict {
		add("strict", w.Strict, g.Strict)
	}
	if w.Comment != g.Comment {
		add("comment", w.Comment, g.Comment)
	}
	if w.WithoutRowID != g.WithoutRowID {
		add("without rowid", w.WithoutRowID, g.WithoutRowID)
	}
	if w.RowSecurity != g.RowSecurity || w.ForceRowSecurity != g.ForceRowSecurity {
		add("row-level security (enabled, forced)", []bool{w.RowSecurity, w.ForceRowSecurity}, []bool{g.RowSecurity, g.ForceRowSecurity})
	}
	return out
}

func columnsEqual(a, b *model.Column) bool {
	ac, bc := *a, *b
	if !ac.Type.Equal(bc.Type) {
		return false
	}
	ac.Type, bc.Type = model.Type{}, model.Type{}
	return reflect.DeepEqual(ac, bc)
}

func diffNamed[T any](out *[]string, kind string, want, got []T, name func(T) string) {
	wm, gm := map[string]T{}, map[string]T{}
	var order []string
	for _, w := range want {
		wm[name(w)] = w
		order = append(order, name(w))
	}
	for _, g := range got {
		if _, ok := wm[name(g)]; !ok {
			order = append(order, name(g))
		}
		gm[name(g)] = g
	}
	for _, n := range order {
		w, wok := wm[n]
		g, gok := gm[n]
		switch {
		case !wok:
			*out = append(*out, fmt.Sprintf("%s %s: unexpected\n  got  %s", kind, n, js(g)))
		case !gok:
			*out = append(*out, fmt.Sprintf("%s %s: missing\n  want %s", kind, n, js(w)))
		case !reflect.DeepEqual(w, g):
			*out = append(*out, fmt.Sprintf("%s %s:\n  want %s\n  got  %s", kind, n, js(w), js(g)))
		}
	}
}

func tablesByName(md *model.MetaData) map[string]*model.Table {
	m := map[string]*model.Table{}
	for _, t := range md.Tables {
		m[t.QualifiedName()] = t
	}
	return m
}

func keys(a, b map[string]*model.Table) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}
