package autogen

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// spellInScratch spells the views of todo in a scratch database on the
// server of the compared one: it creates there, from the model, the
// tables, functions and views their definitions read (tables with their
// columns only), then spells each view, and removes the scratch database.
// The compared database sees no DDL and needs no privilege to create
// views; the server that spells is the same, so the spelling is its own.
//
// A view that cannot be spelled is given its live text (the compare then
// finds it unchanged) and a warning that says why and what to do.
func spellInScratch(ctx context.Context, d dialect.Dialect, target *model.MetaData, todo []*model.View,
	live map[string]*model.View, open func(context.Context) (*dialect.DB, func() error, error)) (out map[string]string, warnings []Warning, err error) {
	out = make(map[string]string, len(todo))
	unspelled := func(v *model.View, why string) {
		key := qualifiedName(v.Schema, v.Name)
		out[key] = live[key].Definition
		warnings = append(warnings, Warning{Object: Object{Kind: "view", Schema: v.Schema, Name: v.Name}, Message: fmt.Sprintf(
			"view %s: its text in the model differs from the database's, and %s, so migrate cannot tell whether it is the same view: "+
				"it is left as it is; compare the two by hand, or write the view in the model as the database prints it", key, why)})
	}
	if open == nil {
		for _, v := range todo {
			unspelled(v, "no scratch database was given to ask the server how it spells the model's")
		}
		return out, warnings, nil
	}
	scratch, remove, err := open(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, err
		}
		why := fmt.Sprintf("the server could not be asked how it spells the model's: %v "+
			"(migrate spells views in a temporary database; allow the user to create databases, or name an empty database with --dev-url or dev_url in [model] of migrate.toml)", err)
		for _, v := range todo {
			unspelled(v, why)
		}
		return out, warnings, nil
	}
	defer func() {
		if rerr := remove(); rerr != nil && err == nil {
			out, warnings, err = nil, nil, fmt.Errorf("autogen: view spelling: %w", rerr)
		}
	}()
	if err = createReadObjects(ctx, scratch, d, target, todo); err != nil {
		return nil, nil, err
	}
	err = spellOn(ctx, scratch, todo, func(v *model.View, text string, ok bool) {
		if ok {
			out[qualifiedName(v.Schema, v.Name)] = text
		} else {
			unspelled(v, "the server refused the model's definition in a scratch database that holds only the model's tables, functions and views it names")
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return out, warnings, nil
}

// nameWord matches the names a view's text may use: bare words and
// quoted identifiers (every word matches; names that are not objects of
// the model are ignored).
var nameWord = regexp.MustCompile("`((?:[^`]|``)+)`|\"((?:[^\"]|\"\")+)\"|([\\pL_][\\pL\\pN_$]*)")

// words returns the lower-cased names of text.
func words(text string, into map[string]bool) {
	for _, m := range nameWord.FindAllStringSubmatch(text, -1) {
		w := m[1] + m[2] + m[3]
		into[strings.ToLower(w)] = true
	}
}

// createReadObjects creates in scratch what the views of todo read, from
// the model: the tables (columns only: no keys, defaults or generated
// expressions, which could need more), the functions and the views their
// texts name, the views' names followed transitively. Objects of another
// schema are not created (the view then cannot be spelled). A statement
// the scratch database refuses is skipped: the view that needs it is then
// refused, which spellInScratch reports.
func createReadObjects(ctx context.Context, scratch *dialect.DB, d dialect.Dialect, target *model.MetaData, todo []*model.View) error {
	names := map[string]bool{}
	for _, v := range todo {
		words(v.Definition, names)
	}
	views := map[string]*model.View{}
	for grew := true; grew; {
		grew = false
		for _, v := range target.Views {
			if k := strings.ToLower(v.Name); v.Schema == "" && names[k] && views[k] == nil {
				views[k], grew = v, true
				words(v.Definition, names)
			}
		}
	}
	var stmts [][]string
	for _, t := range target.Tables {
		if t.Schema != "" || !names[strings.ToLower(t.Name)] {
			continue
		}
		s, err := d.CreateTable(columnsOnly(t))
		if err != nil {
			continue
		}
		stmts = append(stmts, s)
	}
	for _, def := range target.Definitions {
		if def.Kind != model.DefFunction || def.Schema != "" || !names[strings.ToLower(def.Name)] {
			continue
		}
		if s, err := d.CreateDefinition(def); err == nil {
			stmts = append(stmts, s)
		}
	}
	for _, s := range stmts {
		if err := execAll(ctx, scratch, s); err != nil && ctx.Err() != nil {
			return err
		}
	}
	// Views that read views: create them until none more can be (the
	// model's order need not be the order they depend on each other).
	pending := make([]*model.View, 0, len(views))
	for _, v := range target.Views {
		if views[strings.ToLower(v.Name)] == v {
			pending = append(pending, v)
		}
	}
	for progress := true; progress && len(pending) > 0; {
		progress = false
		left := pending[:0]
		for _, v := range pending {
			s, err := d.CreateView(v)
			if err == nil {
				err = execAll(ctx, scratch, s)
			}
			if err == nil {
				progress = true
				continue
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			left = append(left, v)
		}
		pending = left
	}
	return nil
}

// columnsOnly returns a copy of t with its columns' names, types,
// nullability and collations only.
func columnsOnly(t *model.Table) *model.Table {
	c := &model.Table{Name: t.Name}
	for _, col := range t.Columns {
		c.Columns = append(c.Columns, &model.Column{Name: col.Name, Type: col.Type, Nullable: col.Nullable, Collation: col.Collation})
	}
	return c
}

// execAll runs stmts on db, stopping at the first error.
func execAll(ctx context.Context, db *dialect.DB, stmts []string) error {
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}
