package autogen

import "github.com/migratego/migrate/model"

// filterObjects returns a shallow copy of md with the objects other than tables that
// Compare looks at (see Options.includes): schemas by their name (a
// schema is in scope when it is one of Options.Schemas), the other kinds
// by kind, schema and name. A trigger or rule is judged as an object of
// its table, and is left out with its table. The objects themselves are
// shared with md: callers must not change them.
func (o Options) filterObjects(md *model.MetaData) *model.MetaData {
	out := *md // the tables stay: model.ObjectOrder needs their names
	out.Schemas = keep(md.Schemas, func(s *model.Schema) Object { return Object{Kind: "schema", Schema: s.Name, Name: s.Name} }, o.includes)
	out.Extensions = keep(md.Extensions, func(e *model.Extension) Object { return Object{Kind: "extension", Schema: e.Schema, Name: e.Name} }, o.includes)
	out.Enums = keep(md.Enums, func(e *model.EnumType) Object { return Object{Kind: "enum", Schema: e.Schema, Name: e.Name} }, o.includes)
	out.Domains = keep(md.Domains, func(d *model.Domain) Object { return Object{Kind: "domain", Schema: d.Schema, Name: d.Name} }, o.includes)
	out.Sequences = keep(md.Sequences, func(s *model.Sequence) Object { return Object{Kind: "sequence", Schema: s.Schema, Name: s.Name} }, o.includes)
	out.Views = keep(md.Views, func(v *model.View) Object { return Object{Kind: "view", Schema: v.Schema, Name: v.Name} }, o.includes)
	out.Definitions = keep(md.Definitions, func(d *model.Definition) Object {
		if d.Kind.OnTable() {
			return Object{Kind: string(d.Kind), Schema: d.Schema, Table: d.Table, Name: d.Name}
		}
		return Object{Kind: string(d.Kind), Schema: d.Schema, Name: d.Name}
	}, func(obj Object) bool {
		// A trigger or rule goes with its table.
		return o.includes(obj) && (obj.Table == "" || o.includes(Object{Kind: "table", Schema: obj.Schema, Name: obj.Table}))
	})
	return &out
}

// keep returns the elements of list whose Object include accepts, in a
// new slice.
func keep[T any](list []T, object func(T) Object, include func(Object) bool) []T {
	var out []T
	for _, x := range list {
		if include(object(x)) {
			out = append(out, x)
		}
	}
	return out
}
