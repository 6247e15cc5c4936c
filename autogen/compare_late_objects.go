package autogen

import (
	"fmt"
	"maps"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// compareLateObjects compares views and definitions in the order
// model.ObjectOrder gives: definitions that need no table (functions,
// procedures, aggregates, types, virtual tables) are created or replaced
// before the tables and dropped after them; views and the definitions
// that need tables are created or replaced after the tables, each after
// what it depends on, and dropped before the tables change, in the
// reverse order; triggers, rules and events come last and go first.
//
// A view whose definition changes is dropped before the tables change and
// created again after them, with the views that depend on it and the
// triggers and rules on them: CREATE OR REPLACE VIEW cannot drop or
// change a column on PostgreSQL, and a view in the way blocks changes to
// the columns it reads.
//
// A view of the database that the model lacks is left in place with a
// warning (a view is never dropped by accident), unless Options.DropViews.
func (oc *objectComparison) compareLateObjects() {
	curViews := map[string]*model.View{}
	for _, v := range oc.cur.Views {
		curViews[qualifiedName(v.Schema, v.Name)] = v
	}
	tgtViews := map[string]*model.View{}
	for _, v := range oc.tgt.Views {
		tgtViews[qualifiedName(v.Schema, v.Name)] = v
	}
	match := oc.matchDefinitions()
	replaced := oc.replacedRelations(match)
	rebuilt := oc.rebuiltViews(curViews, tgtViews, replaced)
	matched := map[*model.Definition]bool{}
	recreated := map[*model.Definition]bool{} // on a rebuilt view or a replaced relation
	for _, c := range match {
		matched[c] = true
		if on := qualifiedName(c.Schema, c.Table); c.Kind.OnTable() && (rebuilt[on] || replaced[on] || oc.rebuiltTables[on]) {
			recreated[c] = true
		}
	}

	// curOf is the database's object for a definition of the model, or nil
	// when there is none or it is created again.
	curOf := func(d *model.Definition) *model.Definition {
		if c := match[d]; !recreated[c] {
			return c
		}
		return nil
	}
	gone := func(c *model.Definition) bool { return !matched[c] || recreated[c] }

	tgtEarly, tgtLate, tgtLast := oc.tgt.ObjectOrder()
	for _, d := range tgtEarly {
		oc.early = append(oc.early, oc.definitionChange(curOf(d), d)...)
	}
	for _, o := range tgtLate {
		if v := o.View; v != nil {
			key := qualifiedName(v.Schema, v.Name)
			if curViews[key] == nil || rebuilt[key] {
				oc.late = append(oc.late, ops.CreateView{View: cloneView(v)})
			}
			continue
		}
		oc.late = append(oc.late, oc.definitionChange(curOf(o.Definition), o.Definition)...)
	}
	for _, d := range tgtLast {
		oc.late = append(oc.late, oc.definitionChange(curOf(d), d)...)
	}

	curEarly, curLate, curLast := oc.cur.ObjectOrder()
	for i := len(curLast) - 1; i >= 0; i-- {
		if d := curLast[i]; gone(d) {
			oc.dropLate = append(oc.dropLate, ops.DropDefinition{Definition: d.Clone()})
		}
	}
	for i := len(curLate) - 1; i >= 0; i-- {
		o := curLate[i]
		switch {
		case o.Definition != nil && gone(o.Definition):
			oc.dropLate = append(oc.dropLate, ops.DropDefinition{Definition: o.Definition.Clone()})
		case o.View == nil:
		case rebuilt[qualifiedName(o.View.Schema, o.View.Name)]:
			oc.dropLate = append(oc.dropLate, ops.DropView{Schema: o.View.Schema, View: o.View.Name, Existing: cloneView(o.View)})
		case tgtViews[qualifiedName(o.View.Schema, o.View.Name)] == nil:
			oc.dropView(o.View)
		}
	}
	for i := len(curEarly) - 1; i >= 0; i-- {
		if d := curEarly[i]; gone(d) {
			oc.dropEarly = append(oc.dropEarly, ops.DropDefinition{Definition: d.Clone()})
		}
	}
}

// replacedRelations names the relations kept as definitions (materialized
// views, virtual tables, foreign tables) whose definition changes: they are dropped and
// created again, and what is on them or reads them with them.
func (oc *objectComparison) replacedRelations(match map[*model.Definition]*model.Definition) map[string]bool {
	out := map[string]bool{}
	for t, c := range match {
		if (t.Kind == model.DefMaterializedView || t.Kind == model.DefVirtualTable || t.Kind == model.DefForeignTable) &&
			dialect.CanonicalText(oc.d, c.SQL) != dialect.CanonicalText(oc.d, t.SQL) {
			out[qualifiedName(t.Schema, t.Name)] = true
		}
	}
	return out
}

// rebuiltViews returns the views of the database that are dropped and
// created again: those whose columns, comment or definition text
// (compared by dialect.CanonicalText) differ from the model's, those that
// read a column of an enum type whose values change (viewsOverEnums), and
// the views the model keeps that depend on one of them or on a replaced
// relation, directly or not.
func (oc *objectComparison) rebuiltViews(cur, tgt map[string]*model.View, replaced map[string]bool) map[string]bool {
	rebuilt := oc.viewsOverEnums(cur, tgt)
	if rebuilt == nil {
		rebuilt = map[string]bool{}
	}
	for key, c := range cur {
		t := tgt[key]
		if t != nil && !(slices.Equal(c.Columns, t.Columns) && c.Comment == t.Comment && maps.Equal(c.ColumnComments, t.ColumnComments) && oc.sameColumnDefaults(c, t) && oc.sameViewText(c, t)) {
			rebuilt[key] = true
		}
	}
	for grew := len(rebuilt) > 0 || len(replaced) > 0; grew; {
		grew = false
		for key, c := range cur {
			if rebuilt[key] || tgt[key] == nil {
				continue
			}
			if slices.ContainsFunc(c.DependsOn, func(n model.ObjectName) bool {
				return rebuilt[qualifiedName(n.Schema, n.Name)] || replaced[qualifiedName(n.Schema, n.Name)]
			}) {
				rebuilt[key], grew = true, true
			}
		}
	}
	return rebuilt
}

// sameViewText reports whether the database's view c has the definition
// of the model's view t: the same text (dialect.CanonicalText), or the
// same as the server keeps for t's (Options.ViewTexts).
// sameColumnDefaults reports whether two views give their columns the
// same defaults, compared as canonical text.
func (oc *objectComparison) sameColumnDefaults(c, t *model.View) bool {
	return maps.EqualFunc(c.ColumnDefaults, t.ColumnDefaults, func(a, b string) bool {
		return dialect.CanonicalText(oc.d, a) == dialect.CanonicalText(oc.d, b)
	})
}

func (oc *objectComparison) sameViewText(c, t *model.View) bool {
	have := dialect.CanonicalText(oc.d, c.Definition)
	if have == dialect.CanonicalText(oc.d, t.Definition) {
		return true
	}
	spelled, ok := oc.opts.ViewTexts[qualifiedName(t.Schema, t.Name)]
	return ok && have == dialect.CanonicalText(oc.d, spelled)
}

// dropView drops a view the model lacks when Options.DropViews says so,
// and otherwise leaves it with a warning.
func (oc *objectComparison) dropView(v *model.View) {
	if oc.opts.DropViews {
		oc.dropLate = append(oc.dropLate, ops.DropView{Schema: v.Schema, View: v.Name, Existing: cloneView(v)})
		return
	}
	oc.warn(Object{Kind: "view", Schema: v.Schema, Name: v.Name}, fmt.Sprintf(
		"view %s is in the database but not in the model: it is left in place (add it to the model, drop it with ops.DropView, "+
			"or compare with the option that drops views)", qualifiedName(v.Schema, v.Name)))
}

// cloneView returns a deep copy of v.
func cloneView(v *model.View) *model.View {
	c := *v
	c.DependsOn, c.Columns = slices.Clone(v.DependsOn), slices.Clone(v.Columns)
	return &c
}

// definitionChange creates a definition the database lacks, or replaces
// one whose comment, SQL text, firing state or sql_mode differs; replacing a virtual table loses
// its rows, which a warning says.
func (oc *objectComparison) definitionChange(cur, tgt *model.Definition) []ops.Operation {
	to := tgt.Clone()
	if cur == nil {
		return []ops.Operation{ops.CreateDefinition{Definition: to}}
	}
	to.Signature = cur.Signature // the model may leave it out; see matchDefinitions
	if cur.Comment == tgt.Comment && cur.Firing == tgt.Firing && cur.SQLMode == tgt.SQLMode && oc.sameDefinitionText(cur, tgt) {
		return nil
	}
	oc.warnRoutineRecreated(cur, to)
	if tgt.Kind == model.DefVirtualTable {
		oc.warn(Object{Kind: string(tgt.Kind), Schema: tgt.Schema, Name: tgt.Name}, fmt.Sprintf(
			"%s: its definition changes: it is dropped and created again, and its rows are lost", tgt.Identity()))
	}
	return []ops.Operation{ops.ReplaceDefinition{From: cur.Clone(), To: to}}
}

// sameDefinitionText reports whether two definitions of one object have
// the same text (dialect.CanonicalText). A function's or procedure's
// parameters and result are read without the character set and collation
// that are its schema's defaults in the database (MySQL/MariaDB), as the
// inspector writes them (dialect.CanonicalRoutineText).
func (oc *objectComparison) sameDefinitionText(cur, tgt *model.Definition) bool {
	if tgt.Kind != model.DefFunction && tgt.Kind != model.DefProcedure {
		return dialect.CanonicalText(oc.d, cur.SQL) == dialect.CanonicalText(oc.d, tgt.SQL)
	}
	def := oc.cur.CharsetDefaults[cur.Schema]
	return dialect.CanonicalRoutineText(oc.d, cur.SQL, def) == dialect.CanonicalRoutineText(oc.d, tgt.SQL, def)
}

// warnRoutineRecreated warns when a function or procedure that the
// dialect replaces in place while its signature stays (PostgreSQL CREATE
// OR REPLACE) changes its arguments or result type: it is then dropped
// and created again, which the server refuses while a check, default,
// index, generated column or view uses it.
func (oc *objectComparison) warnRoutineRecreated(cur, to *model.Definition) {
	r, ok := oc.d.(dialect.DefinitionReplacer)
	if !ok || to.Kind != model.DefFunction && to.Kind != model.DefProcedure {
		return
	}
	if _, inPlace, err := r.ReplaceDefinition(cur, to); err != nil || inPlace {
		return
	}
	if _, same, _ := r.ReplaceDefinition(cur, cur); !same {
		return // the dialect replaces no routine in place (MySQL)
	}
	oc.warn(Object{Kind: string(to.Kind), Schema: to.Schema, Name: to.Name}, fmt.Sprintf(
		"%s: its arguments or result type change, so it is dropped and created again (CREATE OR REPLACE cannot change them); "+
			"the database refuses the drop while a check, default, index, generated column or view uses it: "+
			"drop those before it and create them again after it in the revision", to.Identity()))
}

// matchDefinitions maps each definition of the model to the same object of
// the database, or to nothing. Objects match by kind, schema, name and the
// table of a trigger or rule, and routines by their signature too; a
// routine the model declares without a signature matches the only routine
// of its kind and name left in the database.
func (oc *objectComparison) matchDefinitions() map[*model.Definition]*model.Definition {
	byKey := map[string]*model.Definition{}
	for _, d := range oc.cur.Definitions {
		byKey[d.Identity()] = d
	}
	out := map[*model.Definition]*model.Definition{}
	taken := map[*model.Definition]bool{}
	var unsigned []*model.Definition
	for _, d := range oc.tgt.Definitions {
		if c := byKey[d.Identity()]; c != nil {
			out[d], taken[c] = c, true
			continue
		}
		if d.Kind.HasSignature() && d.Signature == "" {
			unsigned = append(unsigned, d)
		}
	}
	for _, d := range unsigned {
		var only *model.Definition
		n := 0
		for _, c := range oc.cur.Definitions {
			if !taken[c] && c.Kind == d.Kind && c.Schema == d.Schema && c.Name == d.Name {
				only, n = c, n+1
			}
		}
		if n == 1 {
			out[d], taken[only] = only, true
		}
	}
	return out
}
