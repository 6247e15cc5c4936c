package model

import "testing"

func TestValidateObjects(t *testing.T) {
	fn := func(name string) *Definition {
		return &Definition{Kind: DefFunction, Name: name, SQL: "CREATE FUNCTION " + name + "() …"}
	}
	intDomain := &Domain{Name: "uint", Type: BigInt, Checks: []*Check{{Expr: "VALUE >= 0"}}}
	textDomain := &Domain{Schema: "s", Name: "code", Type: Text}
	identityOn := func(typ string) *Table {
		return &Table{Schema: "s", Name: "t", Columns: []*Column{{Name: "id", Type: Raw(typ), Identity: &Identity{}}}}
	}
	tests := []struct {
		name string
		md   *MetaData
		want string
	}{
		{"schema without name", &MetaData{Schemas: []*Schema{{}}}, "model: a schema has no name"},
		{"schema twice", &MetaData{Schemas: []*Schema{{Name: "a"}, {Name: "a"}}}, `model: schema "a" is declared twice`},
		{"extension without name", &MetaData{Extensions: []*Extension{{Schema: "x"}}}, "model: an extension has no name"},
		{"extension twice", &MetaData{Extensions: []*Extension{{Name: "citext"}, {Name: "citext", Schema: "x"}}}, `model: extension "citext" is declared twice`},
		{"domain without type", &MetaData{Domains: []*Domain{{Schema: "s", Name: "d"}}}, `model: domain "s.d" has no base type`},
		{"domain without name", &MetaData{Domains: []*Domain{{Type: Text}}}, "model: a domain has no name"},
		{"domain twice", &MetaData{Domains: []*Domain{intDomain, intDomain}}, `model: domain "uint" is declared twice`},
		{"domain check without expression", &MetaData{Domains: []*Domain{{Name: "d", Type: Text, Checks: []*Check{{Name: "c"}}}}},
			`model: domain "d": check constraint "c" has no expression`},
		{"definition of unknown kind", &MetaData{Definitions: []*Definition{{Kind: "macro", Name: "m", SQL: "x"}}},
			"model: macro m has an unknown kind (use one of function, procedure, aggregate, type, trigger, event_trigger, event, rule, virtual_table, materialized_view, index, policy, foreign_server, foreign_table, operator, collation, text_search_dictionary, text_search_configuration, cast, operator_family, operator_class)"},
		{"definition without SQL", &MetaData{Definitions: []*Definition{{Kind: DefFunction, Schema: "s", Name: "f", Signature: "integer"}}},
			"model: function s.f(integer) has no SQL"},
		{"definition without name", &MetaData{Definitions: []*Definition{{Kind: DefVirtualTable, SQL: "x"}}},
			"model: a virtual_table definition has no name"},
		{"trigger without table", &MetaData{Definitions: []*Definition{{Kind: DefTrigger, Name: "tg", SQL: "x"}}},
			"model: trigger tg on  names no table"},
		{"operator without signature", &MetaData{Definitions: []*Definition{{Kind: DefOperator, Name: "|||", SQL: "x"}}},
			`model: operator |||() has no Signature: give its left and right argument types ("text, text"; NONE on the left of a prefix operator)`},
		{"overloads are fine", &MetaData{Definitions: []*Definition{fn("f"), {Kind: DefFunction, Name: "f", Signature: "integer", SQL: "x"}}}, ""},
		{"function twice", &MetaData{Definitions: []*Definition{fn("f"), fn("f")}}, `model: definition "function f()" is declared twice`},
		{"same trigger name on two tables", &MetaData{Definitions: []*Definition{
			{Kind: DefTrigger, Name: "tg", Table: "a", SQL: "x"}, {Kind: DefTrigger, Name: "tg", Table: "b", SQL: "x"}}}, ""},
		{"identity on a domain", &MetaData{Domains: []*Domain{{Schema: "s", Name: "uint", Type: Integer}}, Tables: []*Table{identityOn("uint")}},
			`model: table "s.t": column "id" has domain type "s.uint" and cannot be an identity or autoincrement column; give it a nextval default and a sequence owned by the column (what serial does)`},
		{"identity on a qualified domain", &MetaData{Domains: []*Domain{intDomain}, Tables: []*Table{identityOn(".uint")}},
			`model: table "s.t": column "id" has domain type "uint" and cannot be an identity or autoincrement column; give it a nextval default and a sequence owned by the column (what serial does)`},
		{"identity on a type that is no domain of the model", &MetaData{Domains: []*Domain{textDomain}, Tables: []*Table{identityOn("int4")}}, ""},
		{"a domain column numbered by a sequence", &MetaData{Domains: []*Domain{intDomain}, Tables: []*Table{{Name: "t", Columns: []*Column{
			{Name: "id", Type: Raw("uint"), Default: DefaultExpr("nextval('t_id_seq'::regclass)")}}}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.md.Validate(), tt.want)
		})
	}
}

func TestValidateTableKinds(t *testing.T) {
	partition := func() *Table {
		return &Table{Name: "p1", PartitionOf: &PartitionOf{Table: "p", Bound: "DEFAULT"}}
	}
	tests := []struct {
		name string
		t    *Table
		want string
	}{
		{"a partition needs no columns", func() *Table {
			p := partition()
			p.PrimaryKey = &PrimaryKey{Columns: []string{"id"}}
			p.Indexes = []*Index{{Name: "ix", Parts: Cols("at")}}
			return p
		}(), ""},
		{"a partition without bound", &Table{Name: "p1", PartitionOf: &PartitionOf{Table: "p"}},
			`model: table "p1": a partition needs its parent table and its bound`},
		{"unknown strategy", func() *Table { t := okTable(); t.PartitionBy = &PartitionBy{Strategy: "RANGE", Key: "id"}; return t }(),
			`model: table "t": unknown partitioning strategy "RANGE" (use range, list, hash, range columns, list columns, key, linear hash, linear key)`},
		{"partitioning without key", func() *Table { t := okTable(); t.PartitionBy = &PartitionBy{Strategy: "hash"}; return t }(),
			`model: table "t": partitioning has no key`},
		{"bad nulls order", func() *Table {
			t := okTable()
			t.Indexes = []*Index{{Name: "ix", Parts: []IndexPart{{Column: "a", Nulls: "FIRST"}}}}
			return t
		}(), `model: table "t": index "ix" has an unknown NULLS order "FIRST" (use first or last)`},
		{"opclass parameters without opclass", func() *Table {
			t := okTable()
			t.Indexes = []*Index{{Name: "ix", Parts: []IndexPart{{Column: "a", OpclassParams: "siglen=3"}}}}
			return t
		}(), `model: table "t": index "ix" has operator class parameters but no operator class`},
		{"exclusion", func() *Table {
			t := okTable()
			t.Exclusions = []*Exclusion{{Name: "ex", Elements: []ExclusionElement{{IndexPart: IndexPart{Column: "id"}, Operator: "="}}}}
			return t
		}(), ""},
		{"exclusion without elements", func() *Table {
			t := okTable()
			t.Exclusions = []*Exclusion{{Name: "ex"}}
			return t
		}(), `model: table "t": exclusion constraint "ex" has no elements`},
		{"exclusion element problems", func() *Table {
			t := okTable()
			t.Exclusions = []*Exclusion{{InitiallyDeferred: true, Include: []string{"nope"}, Elements: []ExclusionElement{{IndexPart: IndexPart{Column: "zz"}}}}}
			return t
		}(), "model: table \"t\": exclusion constraint (unnamed) names unknown column \"zz\"\n" +
			"model: table \"t\": exclusion constraint (unnamed) has an element without an operator\n" +
			"model: table \"t\": exclusion constraint (unnamed) includes unknown column \"nope\"\n" +
			"model: table \"t\": exclusion constraint (unnamed) is initially deferred but not deferrable"},
		{"untyped column (SQLite)", &Table{Name: "t", Columns: []*Column{{Name: "x", Type: Type{Kind: KindNone}, Nullable: true}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.t.Validate(), tt.want)
		})
	}
}
