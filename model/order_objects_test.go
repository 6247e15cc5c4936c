package model

import (
	"strings"
	"testing"
)

// view makes a view depending on the named objects.
func view(name string, deps ...string) *View {
	return &View{Name: name, Definition: "SELECT 1", DependsOn: objectNames(deps)}
}

// def makes a definition of kind depending on the named objects.
func def(kind DefinitionKind, name string, deps ...string) *Definition {
	return &Definition{Kind: kind, Name: name, SQL: "…", DependsOn: objectNames(deps)}
}

func objectNames(deps []string) []ObjectName {
	var out []ObjectName
	for _, d := range deps {
		s, n, ok := strings.Cut(d, ".")
		if !ok {
			s, n = "", d
		}
		out = append(out, ObjectName{Schema: s, Name: n})
	}
	return out
}

func TestObjectOrder(t *testing.T) {
	tables := []*Table{tbl("users"), tbl("app.orders")}
	tests := []struct {
		name              string
		views             []*View
		defs              []*Definition
		early, late, last string
	}{
		{"empty", nil, nil, "", "", ""},
		{"functions before tables, views after", []*View{view("v")}, []*Definition{def(DefFunction, "f"), def(DefProcedure, "p")},
			"f p", "v", ""},
		{"views on views declared backwards", []*View{view("c", "b"), view("b", "a"), view("a", "users")}, nil,
			"", "a b c", ""},
		{"a function of a table's row type waits for the table", nil,
			[]*Definition{def(DefFunction, "g", "app.orders"), def(DefFunction, "f")}, "f", "g", ""},
		{"a function calling a late function is late", nil,
			[]*Definition{def(DefFunction, "h", "g"), def(DefFunction, "g", "users")}, "", "g h", ""},
		{"a view calling an early function", []*View{view("v", "f")}, []*Definition{def(DefFunction, "f")}, "f", "v", ""},
		{"a function reading a view comes after it", []*View{view("v")}, []*Definition{def(DefFunction, "f", "v")}, "", "v f", ""},
		{"triggers, rules and events last in declaration order", []*View{view("v")},
			[]*Definition{def(DefTrigger, "tg", "f"), def(DefFunction, "f"), def(DefRule, "r"), def(DefEvent, "e"), def(DefEventTrigger, "et")},
			"f", "v", "tg r e et"},
		{"early functions in dependency order", nil, []*Definition{def(DefFunction, "b", "a"), def(DefFunction, "a")}, "a b", "", ""},
		{"overloads are all dependencies", nil,
			[]*Definition{def(DefFunction, "b", "a"), def(DefFunction, "a"), def(DefFunction, "a")}, "a a b", "", ""},
		{"a cycle comes after the ready objects, in declaration order", []*View{view("x", "y"), view("y", "x"), view("z")}, nil, "", "z x y", ""},
		{"unknown dependencies are ignored", []*View{view("v", "elsewhere.w")}, []*Definition{def(DefType, "t", "nowhere")}, "t", "v", ""},
		{"virtual tables are early", nil, []*Definition{def(DefVirtualTable, "fts")}, "fts", "", ""},
		{"schemas tell objects apart", []*View{view("app.v", "v"), view("v")}, nil, "", "v app.v", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := &MetaData{Tables: tables, Views: tt.views, Definitions: tt.defs}
			early, late, last := md.ObjectOrder()
			var e, l, z []string
			for _, d := range early {
				e = append(e, qualified(d.Schema, d.Name))
			}
			for _, o := range late {
				l = append(l, o.Name().QualifiedName())
			}
			for _, d := range last {
				z = append(z, qualified(d.Schema, d.Name))
			}
			if got := strings.Join(e, " "); got != tt.early {
				t.Errorf("early = %q, want %q", got, tt.early)
			}
			if got := strings.Join(l, " "); got != tt.late {
				t.Errorf("late = %q, want %q", got, tt.late)
			}
			if got := strings.Join(z, " "); got != tt.last {
				t.Errorf("last = %q, want %q", got, tt.last)
			}
		})
	}
}

func TestDefinitionLookup(t *testing.T) {
	md := &MetaData{Definitions: []*Definition{
		{Kind: DefFunction, Schema: "s", Name: "f", Signature: "integer", SQL: "x"},
		{Kind: DefFunction, Schema: "s", Name: "f", Signature: "", SQL: "y"},
		{Kind: DefTrigger, Schema: "s", Name: "tg", Table: "t", SQL: "z"},
	}}
	tests := []struct {
		kind                  DefinitionKind
		schema, name, tableOr string
		want                  string
	}{
		{DefFunction, "s", "f", "integer", "x"},
		{DefFunction, "s", "f", "", "y"},
		{DefFunction, "s", "f", "text", ""},
		{DefTrigger, "s", "tg", "t", "z"},
		{DefTrigger, "s", "tg", "u", ""},
		{DefProcedure, "s", "f", "integer", ""},
	}
	for _, tt := range tests {
		got := md.Definition(tt.kind, tt.schema, tt.name, tt.tableOr)
		if (got == nil) != (tt.want == "") || (got != nil && got.SQL != tt.want) {
			t.Errorf("Definition(%s, %s, %s, %s) = %+v, want SQL %q", tt.kind, tt.schema, tt.name, tt.tableOr, got, tt.want)
		}
	}
	if got := md.Definitions[0].Identity(); got != "function s.f(integer)" {
		t.Errorf("Identity = %q", got)
	}
	if got := md.Definitions[2].Identity(); got != "trigger s.tg on s.t" {
		t.Errorf("Identity = %q", got)
	}
}
