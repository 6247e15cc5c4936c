package schemagen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// This file holds the mutations of the objects beyond tables: views
// (added, dropped, given another definition), definitions (functions,
// procedures, triggers, events, virtual tables: added, dropped, replaced),
// enum types (a value added), sequences (options changed, added, dropped)
// and domains (default and comment changed). They apply only to the kinds
// the schema already has, so that a configuration without them (the
// tables-only tests) never draws them in.

// objectMutations are the kinds of change of objects beyond tables.
var objectMutations = []func(m *mutator) string{
	(*mutator).addView, (*mutator).dropView, (*mutator).replaceView,
	(*mutator).addDefinition, (*mutator).dropDefinition, (*mutator).replaceDefinition,
	(*mutator).addEnumValue, (*mutator).changeSequence, (*mutator).addSequence, (*mutator).dropSequence,
	(*mutator).changeDomain,
}

// reads reports whether a view or definition text reads the object or
// column whose quoted name is q. Every generated name is unique in the
// schema, so the quoted name occurs nowhere else.
func reads(text, q string) bool { return strings.Contains(text, q) }

// renameInObjects follows the rename of a table or column (quoted oq to
// nq; table names the renamed table, old its former name) through the
// views and definitions, as a user's model would.
func (m *mutator) renameInObjects(oq, nq, table, old string) {
	if old != "" {
		// A sequence owned by a column of the table: OWNED BY "table.column".
		for _, s := range m.md.Sequences {
			if col, ok := strings.CutPrefix(s.OwnedBy, old+"."); ok {
				s.OwnedBy = table + "." + col
			}
		}
	}
	for _, v := range m.md.Views {
		v.Definition = strings.ReplaceAll(v.Definition, oq, nq)
	}
	for _, d := range m.md.Definitions {
		d.SQL = strings.ReplaceAll(d.SQL, oq, nq)
		if old != "" && d.Table == old {
			d.Table = table
		}
	}
}

// usedByObject reports whether a view or a definition reads q.
func (m *mutator) usedByObject(q string) bool {
	for _, v := range m.md.Views {
		if reads(v.Definition, q) {
			return true
		}
	}
	for _, d := range m.md.Definitions {
		if d.Table == "" && reads(d.SQL, q) {
			return true
		}
	}
	return false
}

// dropDependents drops the views that read the quoted name q, the views
// on those, and the definitions on a dropped table or view (table, its
// name).
func (m *mutator) dropDependents(q, table string) {
	gone := map[string]bool{table: true}
	for grew := true; grew; {
		grew = false
		for _, v := range m.md.Views {
			if gone[v.Name] {
				continue
			}
			if reads(v.Definition, q) || slices.ContainsFunc(v.DependsOn, func(n model.ObjectName) bool { return gone[n.Name] }) {
				gone[v.Name], grew = true, true
			}
		}
	}
	m.md.Views = slices.DeleteFunc(m.md.Views, func(v *model.View) bool { return gone[v.Name] })
	m.md.Definitions = slices.DeleteFunc(m.md.Definitions, func(d *model.Definition) bool {
		return d.Kind.OnTable() && gone[d.Table] || slices.ContainsFunc(d.DependsOn, func(n model.ObjectName) bool { return gone[n.Name] })
	})
}

func (m *mutator) addView() string {
	if m.cfg.TablesOnly {
		return ""
	}
	t := m.pickTable(func(t *model.Table) bool { return t.PartitionOf == nil && len(t.Columns) > 0 })
	if t == nil {
		return ""
	}
	v := m.view(t)
	m.md.Views = append(m.md.Views, v)
	return "add view " + v.Name + " on " + t.Name
}

func (m *mutator) dropView() string {
	if len(m.md.Views) == 0 {
		return ""
	}
	v := m.md.Views[m.r.IntN(len(m.md.Views))]
	m.dropDependents(mustQuote(m.gen, v.Name), v.Name)
	return "drop view " + v.Name + " (and the views on it)"
}

// replaceView gives a view reading a table another definition: the
// columns it selects change.
func (m *mutator) replaceView() string {
	var vs []*model.View
	for _, v := range m.md.Views {
		if len(v.DependsOn) == 0 {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return ""
	}
	v := vs[m.r.IntN(len(vs))]
	for _, t := range m.md.Tables {
		from := " FROM " + mustQuote(m.gen, t.Name)
		if !strings.HasSuffix(v.Definition, from) || len(t.Columns) < 2 {
			continue
		}
		c := t.Columns[1+m.r.IntN(len(t.Columns)-1)]
		before := v.Definition
		v.Definition = strings.TrimSuffix(v.Definition, from) + ", " + mustQuote(m.gen, c.Name) + from
		if m.viewedBy(v) {
			// SELECT * of a view on it would change its columns too.
			v.Definition = before
			return ""
		}
		return "replace view " + v.Name + ": it selects " + c.Name + " too"
	}
	return ""
}

// viewedBy reports whether another view reads v.
func (m *mutator) viewedBy(v *model.View) bool {
	for _, o := range m.md.Views {
		if slices.ContainsFunc(o.DependsOn, func(n model.ObjectName) bool { return n.Name == v.Name }) {
			return true
		}
	}
	return false
}

// addDefinition adds a trigger (of the kind the database has) on a table.
func (m *mutator) addDefinition() string {
	n := len(m.md.Definitions)
	switch {
	case m.cfg.MySQLObjects, m.cfg.SQLiteObjects:
		t := m.pickTable(func(t *model.Table) bool { return t.PartitionOf == nil })
		name := m.plainName("tg")
		body := "SET @n = COALESCE(@n, 0) + 1;"
		if m.cfg.SQLiteObjects {
			body = "SELECT 1;"
		}
		m.md.Definitions = append(m.md.Definitions, &model.Definition{Kind: model.DefTrigger, Name: name, Table: t.Name,
			SQL: fmt.Sprintf("CREATE TRIGGER %s AFTER INSERT ON %s FOR EACH ROW BEGIN\n\t%s\nEND", name, mustQuote(m.gen, t.Name), body)})
	case m.cfg.Routines:
		t := m.pickTable(func(t *model.Table) bool { return t.PartitionOf == nil && t.PartitionBy == nil })
		if t == nil {
			return ""
		}
		m.trigger(t)
	}
	if len(m.md.Definitions) == n {
		return ""
	}
	d := m.md.Definitions[len(m.md.Definitions)-1]
	return "add " + d.Identity()
}

// dropDefinition drops a definition nothing else needs.
func (m *mutator) dropDefinition() string {
	var ds []*model.Definition
	for _, d := range m.md.Definitions {
		if !m.neededDefinition(d) {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return ""
	}
	d := ds[m.r.IntN(len(ds))]
	m.md.Definitions = slices.DeleteFunc(m.md.Definitions, func(x *model.Definition) bool { return x == d })
	return "drop " + d.Identity()
}

// neededDefinition reports whether another object needs d: a trigger
// calls its function, a check calls it.
func (m *mutator) neededDefinition(d *model.Definition) bool {
	for _, o := range m.md.Definitions {
		if slices.ContainsFunc(o.DependsOn, func(n model.ObjectName) bool { return n.Name == d.Name }) {
			return true
		}
	}
	return m.checkCalls(d)
}

// checkCalls reports whether a check constraint calls d.
func (m *mutator) checkCalls(d *model.Definition) bool {
	for _, t := range m.md.Tables {
		for _, ck := range t.Checks {
			if strings.Contains(ck.Expr, d.Name+"(") {
				return true
			}
		}
	}
	return false
}

// replaceDefinition changes the text of a definition: a comment added to
// a function's body, a trigger's timing, an event's schedule, a virtual
// table's columns.
func (m *mutator) replaceDefinition() string {
	if len(m.md.Definitions) == 0 {
		return ""
	}
	// A function a check calls is replaced too: its signature stays, so
	// PostgreSQL replaces it in place (CREATE OR REPLACE).
	d := m.md.Definitions[m.r.IntN(len(m.md.Definitions))]
	before := d.SQL
	d.SQL = replaceFirstFound(d.SQL, definitionEdits[d.Kind])
	if d.SQL == before {
		return ""
	}
	return "replace " + d.Identity()
}

// addEnumValue adds a value at the end of a named enum type.
func (m *mutator) addEnumValue() string {
	if !m.c.NamedEnumTypes || len(m.md.Enums) == 0 {
		return ""
	}
	e := m.md.Enums[m.r.IntN(len(m.md.Enums))]
	v := m.plainName("val")
	e.Values = append(e.Values, v)
	for _, t := range m.md.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == model.KindEnum && c.Type.EnumName == e.Name {
				c.Type.Values = slices.Clone(e.Values)
			}
		}
	}
	return "add value " + v + " to enum " + e.Name
}

// standalone returns the sequences no column owns.
func (m *mutator) standalone() []*model.Sequence {
	var out []*model.Sequence
	for _, s := range m.md.Sequences {
		if s.OwnedBy == "" {
			out = append(out, s)
		}
	}
	return out
}

func (m *mutator) changeSequence() string {
	ss := m.standalone()
	if len(ss) == 0 {
		return ""
	}
	s := ss[m.r.IntN(len(ss))]
	switch m.r.IntN(3) {
	case 0:
		s.Increment++
	case 1:
		s.Cycle = !s.Cycle
		if s.Cycle && s.MaxValue == nil {
			maxV := int64(2_000_000)
			s.MaxValue = &maxV
		}
	default:
		s.Cache += 1 + int64(m.r.IntN(10))
	}
	return fmt.Sprintf("change sequence %s (increment %d, cycle %v, cache %d)", s.Name, s.Increment, s.Cycle, s.Cache)
}

func (m *mutator) addSequence() string {
	if !m.c.Sequences || m.cfg.TablesOnly {
		return ""
	}
	s := &model.Sequence{Name: m.name("seq"), Start: int64(m.r.IntN(1000) + 1), Increment: int64(m.r.IntN(9) + 1), Cache: 1}
	m.md.Sequences = append(m.md.Sequences, s)
	return "add sequence " + s.Name
}

func (m *mutator) dropSequence() string {
	ss := m.standalone()
	if len(ss) == 0 {
		return ""
	}
	s := ss[m.r.IntN(len(ss))]
	m.md.Sequences = slices.DeleteFunc(m.md.Sequences, func(x *model.Sequence) bool { return x == s })
	return "drop sequence " + s.Name
}

// changeDomain changes a domain's default or comment.
func (m *mutator) changeDomain() string {
	if len(m.md.Domains) == 0 {
		return ""
	}
	d := m.md.Domains[m.r.IntN(len(m.md.Domains))]
	if m.chance(0.5) {
		d.Comment = "domain " + d.Name + " — changed"
		return "comment of domain " + d.Name
	}
	switch {
	case d.Default != nil:
		d.Default = nil
	case d.Type.Kind == model.KindInteger:
		d.Default = model.DefaultLiteral(int64(7))
	default:
		d.Default = model.DefaultLiteral("y")
	}
	return fmt.Sprintf("default of domain %s: %v", d.Name, d.Default)
}

// definitionEdits are, per kind of definition, the edits that change its
// behaviour: the first whose old text the definition holds is made.
var definitionEdits = map[model.DefinitionKind][][2]string{
	model.DefFunction:  routineEdits,
	model.DefProcedure: routineEdits,
	model.DefTrigger: {
		{" BEFORE INSERT OR UPDATE ", " BEFORE INSERT "},
		{" BEFORE INSERT ", " BEFORE INSERT OR UPDATE "},
		{"SELECT 1;", "SELECT 2;"},
		{"+ 1;", "+ 2;"},
	},
	model.DefEvent: {{"EVERY 1 DAY", "EVERY 2 DAY"}},
	model.DefOperator: {
		{", RESTRICT = scalargtsel)", ")"},
		{"RIGHTARG = bigint)", "RIGHTARG = bigint, RESTRICT = scalargtsel)"},
	},
	model.DefVirtualTable: {
		{"fts5(title, body,", "fts5(title, body, extra,"},
		{"max_y)", "max_y, +aux)"},
	},
}

// routineEdits change a function's or procedure's body.
var routineEdits = [][2]string{
	{"v > -100000", "v > -200000"},
	{"RETURN NEW;", "NEW := NEW; RETURN NEW;"},
	{"RETURN v * 2", "RETURN v * 3"},
	{"SET c = c + 1;", "SET c = c + 2;"},
}

// replaceFirstFound makes the first edit of edits whose old text sql
// holds (once), and returns sql unchanged when it holds none.
func replaceFirstFound(sql string, edits [][2]string) string {
	for _, e := range edits {
		if strings.Contains(sql, e[0]) {
			return strings.Replace(sql, e[0], e[1], 1)
		}
	}
	return sql
}
