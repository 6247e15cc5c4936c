package inspect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// nameDependencies fills DependsOn of each view and of each definition that
// is not a trigger or event from the text of its SQL, for catalogs that do
// not record what a view reads (MariaDB has no VIEW_TABLE_USAGE; SQLite
// records nothing): an object depends on every other view and definition
// of md whose name its text mentions as a whole word (quoted or not, in any
// case). A false match (a column or a string literal spelled like another
// view) only moves the object later in the creation order. Names are
// listed in md's order, which sortModel made stable.
func nameDependencies(md *model.MetaData) {
	var names []model.ObjectName
	for _, v := range md.Views {
		names = append(names, model.ObjectName{Schema: v.Schema, Name: v.Name})
	}
	for _, d := range md.Definitions {
		if d.Kind == model.DefFunction || d.Kind == model.DefProcedure || d.Kind == model.DefVirtualTable {
			names = append(names, model.ObjectName{Schema: d.Schema, Name: d.Name})
		}
	}
	deps := func(self model.ObjectName, text string) []model.ObjectName {
		var out []model.ObjectName
		for _, n := range names {
			if n != self && n.Schema == self.Schema && mentionsName(text, n.Name) && !containsName(out, n) {
				out = append(out, n)
			}
		}
		return out
	}
	for _, v := range md.Views {
		v.DependsOn = deps(model.ObjectName{Schema: v.Schema, Name: v.Name}, v.Definition)
	}
	for _, d := range md.Definitions {
		if d.Kind == model.DefFunction || d.Kind == model.DefProcedure {
			d.DependsOn = deps(model.ObjectName{Schema: d.Schema, Name: d.Name}, d.SQL)
		}
	}
}

func containsName(ns []model.ObjectName, n model.ObjectName) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// mentionsName reports whether name occurs in text as a whole word,
// ignoring ASCII case: the characters around it are not letters, digits,
// '_' or '$'.
func mentionsName(text, name string) bool {
	if name == "" {
		return false
	}
	lt, ln := strings.ToLower(text), strings.ToLower(name)
	word := func(c byte) bool {
		return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 0x80
	}
	for from := 0; ; {
		i := strings.Index(lt[from:], ln)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(ln)
		if (i == 0 || !word(lt[i-1])) && (end == len(lt) || !word(lt[end])) {
			return true
		}
		from = i + 1
	}
}
