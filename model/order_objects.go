package model

import "strings"

// Object is a view or a definition in a creation order; exactly one of
// the two is set.
type Object struct {
	View       *View
	Definition *Definition
}

// Name returns the schema and name of the object.
func (o Object) Name() ObjectName {
	if o.View != nil {
		return ObjectName{Schema: o.View.Schema, Name: o.View.Name}
	}
	return ObjectName{Schema: o.Definition.Schema, Name: o.Definition.Name}
}

func (o Object) dependsOn() []ObjectName {
	if o.View != nil {
		return o.View.DependsOn
	}
	return o.Definition.DependsOn
}

// ObjectOrder places the views and definitions in a creation order, in
// three groups:
//
//   - early: functions, procedures, aggregates, operators, types, virtual
//     tables, foreign servers, foreign tables and collations that need no table or view (directly or through what they depend on). They
//     are created after schemas, extensions, enum types and domains and
//     before sequences and tables, so that defaults, checks, generated
//     columns and indexes may call them.
//   - late: views and the other definitions, after the tables, each after
//     what its DependsOn names (views on views).
//   - last: triggers, rules, policies, event triggers and events, after
//     everything.
//
// Within a group the declaration order is kept where dependencies allow;
// a dependency cycle falls back to declaration order.
func (m *MetaData) ObjectOrder() (early []*Definition, late []Object, last []*Definition) {
	var objs []Object
	for _, v := range m.Views {
		objs = append(objs, Object{View: v})
	}
	for _, d := range m.Definitions {
		if isLastKind(d.Kind) {
			last = append(last, d)
			continue
		}
		objs = append(objs, Object{Definition: d})
	}
	byName := map[ObjectName][]int{}
	for i, o := range objs {
		byName[o.Name()] = append(byName[o.Name()], i)
	}
	relations := map[ObjectName]bool{}
	for _, t := range m.Tables {
		relations[ObjectName{Schema: t.Schema, Name: t.Name}] = true
	}
	// A domain over a table's row type, or over a type or collation of
	// the model, is created after the early definitions: what depends on
	// it comes after the tables too.
	for _, dom := range m.Domains {
		if DomainOverTable(dom, m) || DomainOverType(dom, m.Definitions) {
			relations[ObjectName{Schema: dom.Schema, Name: dom.Name}] = true
		}
	}
	deps := make([][]int, len(objs))
	needsRelation := make([]bool, len(objs))
	for i, o := range objs {
		for _, n := range o.dependsOn() {
			if relations[n] {
				needsRelation[i] = true
			}
			for _, j := range byName[n] {
				if j != i {
					deps[i] = append(deps[i], j)
				}
			}
		}
	}
	// late[i]: a view, or something that needs a table or a late object.
	isLate := make([]int8, len(objs)) // 0 unknown, 1 computing or early, 2 late
	var visit func(i int) bool
	visit = func(i int) bool {
		if isLate[i] != 0 {
			return isLate[i] == 2
		}
		isLate[i] = 1
		lateNow := objs[i].View != nil || needsRelation[i] || !isEarlyKind(objs[i].Definition.Kind)
		for _, j := range deps[i] {
			if visit(j) {
				lateNow = true
			}
		}
		if lateNow {
			isLate[i] = 2
		}
		return lateNow
	}
	for i := range objs {
		visit(i)
	}
	for _, i := range topoOrder(len(objs), deps) {
		if isLate[i] == 2 {
			late = append(late, objs[i])
		} else {
			early = append(early, objs[i].Definition)
		}
	}
	return early, late, last
}

// isEarlyKind reports whether definitions of kind k may be created before
// the tables when they depend on none.
func isEarlyKind(k DefinitionKind) bool {
	switch k {
	case DefFunction, DefProcedure, DefAggregate, DefType, DefVirtualTable, DefForeignServer, DefForeignTable, DefOperator, DefCollation,
		DefTextSearchDictionary, DefTextSearchConfiguration, DefCast, DefOperatorFamily, DefOperatorClass:
		return true
	}
	return false
}

// isLastKind reports whether definitions of kind k are created after
// everything else.
func isLastKind(k DefinitionKind) bool {
	switch k {
	case DefTrigger, DefRule, DefEventTrigger, DefEvent, DefPolicy:
		return true
	}
	return false
}

// topoOrder returns 0…n-1 with every node after the nodes deps lists for
// it, keeping the index order among nodes that are ready together; the
// nodes of a cycle follow in index order.
func topoOrder(n int, deps [][]int) []int {
	indeg := make([]int, n)
	children := make([][]int, n)
	for i, ds := range deps {
		seen := map[int]bool{}
		for _, d := range ds {
			if !seen[d] {
				seen[d] = true
				indeg[i]++
				children[d] = append(children[d], i)
			}
		}
	}
	done := make([]bool, n)
	out := make([]int, 0, n)
	for len(out) < n {
		next := -1
		for i := 0; i < n; i++ {
			if !done[i] && indeg[i] == 0 {
				next = i
				break
			}
		}
		if next < 0 { // a cycle: take the first node left
			for i := 0; i < n && next < 0; i++ {
				if !done[i] {
					next = i
				}
			}
		}
		done[next] = true
		out = append(out, next)
		for _, c := range children[next] {
			indeg[c]--
		}
	}
	return out
}

// DomainOverTable reports whether the base type of dom is the row type of
// one of the tables of m (PostgreSQL: CREATE DOMAIN d AS some_table, as
// PostgREST's fixtures do). Such a domain is created after the tables and
// dropped before them; a function that returns it depends on the table
// (see the inspector's routine dependencies), so it is created after the
// tables too.
func DomainOverTable(dom *Domain, m *MetaData) bool {
	if dom.Type.Kind != KindRaw {
		return false
	}
	base := strings.TrimSuffix(strings.ReplaceAll(dom.Type.Raw, `"`, ""), "[]")
	for _, t := range m.Tables {
		if base == t.Schema+"."+t.Name ||
			base == t.Name && (t.Schema == "" || t.Schema == dom.Schema || t.Schema == "public") {
			return true
		}
	}
	return false
}

// DomainOverType reports whether the base type of dom is one of the type
// definitions among defs (a domain over a composite or range type), or
// its collation one of the collation definitions. Such a domain is
// created after those definitions and dropped before them; other domains
// come before them, so that a composite type may have a domain attribute.
func DomainOverType(dom *Domain, defs []*Definition) bool {
	base := ""
	if dom.Type.Kind == KindRaw {
		base = strings.TrimSuffix(strings.ReplaceAll(dom.Type.Raw, `"`, ""), "[]")
	}
	for _, def := range defs {
		switch {
		case def.Kind == DefType && base != "" && (base == def.Schema+"."+def.Name ||
			base == def.Name && (def.Schema == "" || def.Schema == dom.Schema || def.Schema == "public")):
			return true
		case def.Kind == DefCollation && dom.Collation == def.Name && dom.CollationSchema == def.Schema:
			return true
		}
	}
	return false
}
