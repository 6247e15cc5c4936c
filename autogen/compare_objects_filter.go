package autogen

import (
	"slices"

	"github.com/migratego/migrate/model"
)

// filterObjects returns a shallow copy of md with the objects other than tables that
// Compare looks at (see Options.includes): schemas by their name (a
// schema is in scope when it is one of Options.Schemas), the other kinds
// by kind, schema and name. A trigger or rule is judged as an object of
// its table, and is left out with its table. The objects themselves are
// shared with md: callers must not change them.
func (o Options) filterObjects(md *model.MetaData) *model.MetaData {
	out := *md // the tables stay: model.ObjectOrder needs their names
	md = &out
	md.Schemas = slices.DeleteFunc(slices.Clone(md.Schemas), func(s *model.Schema) bool {
		return !o.includes(Object{Kind: "schema", Schema: s.Name, Name: s.Name})
	})
	md.Extensions = slices.DeleteFunc(slices.Clone(md.Extensions), func(e *model.Extension) bool {
		return !o.includes(Object{Kind: "extension", Schema: e.Schema, Name: e.Name})
	})
	md.Enums = slices.DeleteFunc(slices.Clone(md.Enums), func(e *model.EnumType) bool {
		return !o.includes(Object{Kind: "enum", Schema: e.Schema, Name: e.Name})
	})
	md.Domains = slices.DeleteFunc(slices.Clone(md.Domains), func(d *model.Domain) bool {
		return !o.includes(Object{Kind: "domain", Schema: d.Schema, Name: d.Name})
	})
	md.Sequences = slices.DeleteFunc(slices.Clone(md.Sequences), func(s *model.Sequence) bool {
		return !o.includes(Object{Kind: "sequence", Schema: s.Schema, Name: s.Name})
	})
	md.Views = slices.DeleteFunc(slices.Clone(md.Views), func(v *model.View) bool {
		return !o.includes(Object{Kind: "view", Schema: v.Schema, Name: v.Name})
	})
	md.Definitions = slices.DeleteFunc(slices.Clone(md.Definitions), func(d *model.Definition) bool {
		if d.Kind.OnTable() {
			return !o.includes(Object{Kind: "table", Schema: d.Schema, Name: d.Table}) ||
				!o.includes(Object{Kind: string(d.Kind), Schema: d.Schema, Table: d.Table, Name: d.Name})
		}
		return !o.includes(Object{Kind: string(d.Kind), Schema: d.Schema, Name: d.Name})
	})
	return md
}
