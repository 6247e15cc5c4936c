package model

import (
	"strings"
	"testing"
)

// tbl makes a table in schema whose name is the part after a dot, with a
// foreign key to each "schema.table" or "table" in refs.
func tbl(qname string, refs ...string) *Table {
	schema, name, ok := strings.Cut(qname, ".")
	if !ok {
		schema, name = "", qname
	}
	t := &Table{Schema: schema, Name: name, Columns: []*Column{{Name: "id", Type: BigInt}}}
	for _, r := range refs {
		rs, rt, ok := strings.Cut(r, ".")
		if !ok {
			rs, rt = "", r
		}
		t.ForeignKeys = append(t.ForeignKeys, &ForeignKey{Columns: []string{"id"}, RefSchema: rs, RefTable: rt, RefColumns: []string{"id"}})
	}
	return t
}

// partOf makes a partition of the "schema.table" or "table" parent.
func partOf(name, parent string) *Table {
	t := tbl(name)
	ps, pt, ok := strings.Cut(parent, ".")
	if !ok {
		ps, pt = "", parent
	}
	t.PartitionOf = &PartitionOf{Schema: ps, Table: pt, Bound: "DEFAULT"}
	return t
}

func TestCreationOrder(t *testing.T) {
	tests := []struct {
		name     string
		tables   []*Table
		order    string
		deferred string // table->ref for each deferred FK
	}{
		{"empty", nil, "", ""},
		{"independent keep declaration order", []*Table{tbl("b"), tbl("a"), tbl("c")}, "b a c", ""},
		{"linear chain declared backwards", []*Table{tbl("c", "b"), tbl("b", "a"), tbl("a")}, "a b c", ""},
		{"diamond", []*Table{tbl("d", "b", "c"), tbl("c", "a"), tbl("b", "a"), tbl("a")}, "a c b d", ""},
		{"two fks to the same table", []*Table{tbl("b", "a", "a"), tbl("a")}, "a b", ""},
		{"self reference needs no deferral", []*Table{tbl("emp", "emp"), tbl("x", "emp")}, "emp x", ""},
		{"fk to a table outside the model", []*Table{tbl("a", "elsewhere"), tbl("b", "a")}, "a b", ""},
		{"two-table cycle", []*Table{tbl("a", "b"), tbl("b", "a")}, "a b", "a->b b->a"},
		{"partitions after their parent", []*Table{partOf("p2", "p"), partOf("p1", "app.p"), tbl("app.p"), tbl("p")}, "app.p p1 p p2", ""},
		{"three-table cycle", []*Table{tbl("c", "a"), tbl("a", "b"), tbl("b", "c"), tbl("d", "c")}, "c a b d", "c->a a->b b->c"},
		{"cycle with a self reference inside", []*Table{tbl("a", "a", "b"), tbl("b", "a")}, "a b", "a->b b->a"},
		{"cycle depending on a plain table", []*Table{tbl("a", "b", "z"), tbl("b", "a"), tbl("z")}, "b z a", "a->b b->a"},
		{"edge between two cycles is ordered, not deferred",
			[]*Table{tbl("c", "d", "a"), tbl("d", "c"), tbl("a", "b"), tbl("b", "a")},
			"d a c b", "c->d d->c a->b b->a"},
		{"other schema", []*Table{tbl("app.orders", "billing.customers"), tbl("billing.customers")},
			"billing.customers app.orders", ""},
		{"empty RefSchema means the same schema", []*Table{tbl("s.b", "a"), tbl("a"), tbl("s.a")},
			"a s.a s.b", ""},
		{"cycle across schemas", []*Table{tbl("x.a", "y.b"), tbl("y.b", "x.a")}, "x.a y.b", "x.a->y.b y.b->x.a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := &MetaData{Tables: tt.tables}
			for range 3 { // determinism: the same answer every time
				tables, deferred := md.CreationOrder()
				var got []string
				for _, x := range tables {
					got = append(got, x.QualifiedName())
				}
				if g := strings.Join(got, " "); g != tt.order {
					t.Errorf("order = %q, want %q", g, tt.order)
				}
				var def []string
				for _, d := range deferred {
					if d.Table.Column(d.FK.Columns[0]) == nil || !contains(d.Table.ForeignKeys, d.FK) {
						t.Errorf("deferred FK %v does not belong to %s", d.FK, d.Table.Name)
					}
					def = append(def, d.Table.QualifiedName()+"->"+qualified(d.FK.RefSchema, d.FK.RefTable))
				}
				if g := strings.Join(def, " "); g != sortedLike(g, tt.deferred) {
					t.Errorf("deferred = %q, want %q", g, tt.deferred)
				}
			}
		})
	}
}

func contains(fks []*ForeignKey, fk *ForeignKey) bool {
	for _, f := range fks {
		if f == fk {
			return true
		}
	}
	return false
}

// sortedLike returns want if got has the same elements, in declaration
// order of the referencing tables: deferred FKs follow m.Tables order.
func sortedLike(got, want string) string {
	g, w := strings.Fields(got), strings.Fields(want)
	if len(g) != len(w) {
		return want
	}
	seen := map[string]int{}
	for _, x := range w {
		seen[x]++
	}
	for _, x := range g {
		if seen[x] == 0 {
			return want
		}
		seen[x]--
	}
	return got
}

// Every table comes after the tables it references, except along deferred FKs.
func TestCreationOrderProperty(t *testing.T) {
	// A fixed pseudo-random graph: table i references (i*7+3)%n and (i*5+1)%n.
	const n = 40
	md := &MetaData{}
	for i := range n {
		md.Tables = append(md.Tables, tbl(name(i), name((i*7+3)%n), name((i*5+1)%n)))
	}
	tables, deferred := md.CreationOrder()
	if len(tables) != n {
		t.Fatalf("got %d tables, want %d", len(tables), n)
	}
	pos := map[string]int{}
	for i, x := range tables {
		pos[x.Name] = i
	}
	isDeferred := map[*ForeignKey]bool{}
	for _, d := range deferred {
		isDeferred[d.FK] = true
	}
	for _, x := range md.Tables {
		for _, fk := range x.ForeignKeys {
			if fk.RefTable != x.Name && !isDeferred[fk] && pos[fk.RefTable] > pos[x.Name] {
				t.Errorf("%s is created before %s, which it references", x.Name, fk.RefTable)
			}
		}
	}
}

func name(i int) string { return "t" + string(rune('a'+i/26)) + string(rune('a'+i%26)) }
