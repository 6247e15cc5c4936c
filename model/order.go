package model

import "sort"

// CreationOrder returns the tables in an order in which they can be created:
// every table after the tables its foreign keys reference, and every
// partition after its parent. Foreign keys that
// take part in a cycle (including self-references, which need no ordering)
// cannot be satisfied by ordering; they are returned in deferred, so that a
// caller creates the tables first and adds those constraints afterwards.
// Ties keep the declaration order, so the result is deterministic.
func (m *MetaData) CreationOrder() (tables []*Table, deferred []*DeferredFK) {
	index := map[*Table]int{}
	byName := make(map[[2]string]*Table, len(m.Tables))
	for i, t := range m.Tables {
		index[t] = i
		if _, dup := byName[[2]string{t.Schema, t.Name}]; !dup {
			byName[[2]string{t.Schema, t.Name}] = t
		}
	}
	// refTable finds the table an FK references (an empty RefSchema means
	// the referencing table's schema), by a map: models have thousands of
	// tables.
	refTable := func(t *Table, fk *ForeignKey) *Table {
		schema := fk.RefSchema
		if schema == "" {
			schema = t.Schema
		}
		return byName[[2]string{schema, fk.RefTable}]
	}
	deps := map[*Table][]*Table{}
	partitions := map[*Table][]*Table{}
	for _, t := range m.Tables {
		if p := t.PartitionOf; p != nil {
			schema := p.Schema
			if schema == "" {
				schema = t.Schema
			}
			if parent := byName[[2]string{schema, p.Table}]; parent != nil && parent != t {
				deps[t] = append(deps[t], parent)
				partitions[parent] = append(partitions[parent], t)
			}
		}
	}
	// A foreign key to a partitioned table gives the referencing table a
	// constraint on each partition (PostgreSQL): it comes after them, and
	// so is dropped before them.
	var partitionsOf func(t, ref *Table, depth int)
	partitionsOf = func(t, ref *Table, depth int) {
		for _, p := range partitions[ref] {
			if p == t || depth > len(m.Tables) {
				continue
			}
			deps[t] = append(deps[t], p)
			partitionsOf(t, p, depth+1)
		}
	}
	for _, t := range m.Tables {
		for _, fk := range t.ForeignKeys {
			ref := refTable(t, fk)
			if ref != nil && ref != t {
				deps[t] = append(deps[t], ref)
				if t.PartitionOf == nil {
					partitionsOf(t, ref, 0)
				}
			}
		}
	}
	cycle := cyclicTables(m.Tables, deps)
	// sameCycle: an edge between two different cycles is an ordinary
	// dependency and must be ordered, not deferred.
	sameCycle := func(a, b *Table) bool {
		ca, okA := cycle[a]
		cb, okB := cycle[b]
		return okA && okB && ca == cb
	}

	// Kahn's algorithm over the acyclic part, ignoring edges inside cycles.
	indeg := map[*Table]int{}
	children := map[*Table][]*Table{}
	for _, t := range m.Tables {
		for _, ref := range uniqueTables(deps[t]) {
			if sameCycle(t, ref) {
				continue
			}
			indeg[t]++
			children[ref] = append(children[ref], t)
		}
	}
	var ready []*Table
	for _, t := range m.Tables {
		if indeg[t] == 0 {
			ready = append(ready, t)
		}
	}
	for len(ready) > 0 {
		sort.SliceStable(ready, func(i, j int) bool { return index[ready[i]] < index[ready[j]] })
		t := ready[0]
		ready = ready[1:]
		tables = append(tables, t)
		for _, c := range children[t] {
			indeg[c]--
			if indeg[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	for _, t := range m.Tables {
		for _, fk := range t.ForeignKeys {
			ref := refTable(t, fk)
			if ref != nil && ref != t && sameCycle(t, ref) {
				deferred = append(deferred, &DeferredFK{Table: t, FK: fk})
			}
		}
	}
	return tables, deferred
}

// DeferredFK is a foreign key to add after all tables exist.
type DeferredFK struct {
	Table *Table
	FK    *ForeignKey
}

func uniqueTables(ts []*Table) []*Table {
	seen := map[*Table]bool{}
	var out []*Table
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// cyclicTables maps the tables that are in a strongly connected component
// of size > 1 to a number identifying the component (Tarjan's algorithm).
func cyclicTables(all []*Table, deps map[*Table][]*Table) map[*Table]int {
	idx := map[*Table]int{}
	low := map[*Table]int{}
	on := map[*Table]bool{}
	var stack []*Table
	out := map[*Table]int{}
	n, comps := 0, 0
	var visit func(t *Table)
	visit = func(t *Table) {
		idx[t], low[t] = n, n
		n++
		stack = append(stack, t)
		on[t] = true
		for _, d := range deps[t] {
			if _, seen := idx[d]; !seen {
				visit(d)
				low[t] = min(low[t], low[d])
			} else if on[d] {
				low[t] = min(low[t], idx[d])
			}
		}
		if low[t] == idx[t] {
			var comp []*Table
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[top] = false
				comp = append(comp, top)
				if top == t {
					break
				}
			}
			if len(comp) > 1 {
				for _, c := range comp {
					out[c] = comps
				}
				comps++
			}
		}
	}
	for _, t := range all {
		if _, seen := idx[t]; !seen {
			visit(t)
		}
	}
	return out
}
