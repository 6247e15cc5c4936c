package autogen

import (
	"slices"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// includes reports whether Compare looks at obj: its schema matches one of
// Options.Schemas (when given; globs as in inspect), its name ("name" or "schema.name") is not
// a version table, matches Include (when given) and not Exclude, and
// Options.Filter (when given) accepts it. Objects that belong to a table
// (columns, indexes, constraints) are judged by Filter only: the globs
// and schemas apply to their table.
func (o Options) includes(obj Object) bool {
	if obj.Table == "" {
		if len(o.Schemas) > 0 && !slices.ContainsFunc(o.Schemas, func(p string) bool { return inspect.MatchGlob(p, obj.Schema) }) {
			return false
		}
		qualified := obj.Name
		if obj.Schema != "" {
			qualified = obj.Schema + "." + obj.Name
		}
		named := func(names []string, match func(pattern, name string) bool) bool {
			return slices.ContainsFunc(names, func(p string) bool { return match(p, obj.Name) || match(p, qualified) })
		}
		exact := func(p, name string) bool { return p == name }
		if obj.Kind == "table" && named(o.VersionTables, exact) {
			return false
		}
		if len(o.Include) > 0 && !named(o.Include, inspect.MatchGlob) {
			return false
		}
		if named(o.Exclude, inspect.MatchGlob) {
			return false
		}
	}
	return o.Filter == nil || o.Filter(obj)
}

// filterTables returns a copy of md holding the tables Compare looks at,
// and in them the columns, indexes and constraints Options.Filter accepts.
// The other kinds of object are kept whole (compareObjects filters them).
func (o Options) filterTables(md *model.MetaData) *model.MetaData {
	out := *md
	out.Tables = nil
	for _, t := range md.Tables {
		if !o.includes(Object{Kind: "table", Schema: t.Schema, Name: t.Name}) {
			continue
		}
		if o.Filter != nil {
			t = o.filterParts(t)
		}
		out.Tables = append(out.Tables, t)
	}
	return &out
}

// filterParts returns a copy of t without the parts Options.Filter refuses.
func (o Options) filterParts(t *model.Table) *model.Table {
	t = t.Clone()
	keep := func(kind, name string) bool {
		return o.Filter(Object{Kind: kind, Schema: t.Schema, Table: t.Name, Name: name})
	}
	t.Columns = slices.DeleteFunc(t.Columns, func(c *model.Column) bool { return !keep("column", c.Name) })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *model.Index) bool { return !keep("index", ix.Name) })
	t.Uniques = slices.DeleteFunc(t.Uniques, func(u *model.Unique) bool { return !keep("constraint", u.Name) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *model.ForeignKey) bool { return !keep("constraint", fk.Name) })
	t.Checks = slices.DeleteFunc(t.Checks, func(ck *model.Check) bool { return !keep("constraint", ck.Name) })
	if t.PrimaryKey != nil && !keep("constraint", t.PrimaryKey.Name) {
		t.PrimaryKey = nil
	}
	return t
}
