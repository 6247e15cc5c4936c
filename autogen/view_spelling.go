package autogen

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// SpellOptions say where SpellViews may create the throwaway views it asks
// the server to spell. They matter only for dialects whose throwaway views
// are real objects (dialect.ScratchViewSpeller: MySQL and MariaDB have no
// temporary views); PostgreSQL spells in a temporary view of the session.
type SpellOptions struct {
	// InPlace lets the views be created in the compared database itself.
	// Set it only when that database is a scratch one (migrate test's
	// stairway): on the user's database it is DDL during a check.
	InPlace bool
	// Scratch opens an empty database on the server of the compared one
	// (a temporary database, or the user's --dev-url one) and returns it
	// with the function that removes it. nil, or an error that is not
	// ctx's: the views are not spelled, and a warning says so.
	Scratch func(ctx context.Context) (db *dialect.DB, remove func() error, err error)
}

// SpellViews asks the database how it would keep the definitions of the
// model's views (see dialect.ViewSpeller), for Options.ViewTexts: only
// for the views the database has under the same name with a text that
// differs (by dialect.CanonicalText) from the model's, so that a view
// the user wrote in natural words (SELECT id FROM users) is not a change
// because the server prints it in its own (SELECT users.id FROM users).
// Other dialects keep a view as written: the answer is nil.
//
// On MySQL and MariaDB the views are spelled in the scratch database of
// opts (see spellInScratch), never in the compared database unless
// opts.InPlace. A view that cannot be spelled there (no scratch database,
// or the server refuses the view in it) is left as it is, with a warning:
// a change the server has not confirmed is not reported.
func SpellViews(ctx context.Context, db *dialect.DB, current, target *model.MetaData, opts SpellOptions) (map[string]string, []Warning, error) {
	if _, ok := db.Dialect.(dialect.ViewSpeller); !ok {
		return nil, nil, nil
	}
	live := map[string]*model.View{}
	for _, v := range current.Views {
		live[qualifiedName(v.Schema, v.Name)] = v
	}
	var todo []*model.View
	for _, v := range target.Views {
		c := live[qualifiedName(v.Schema, v.Name)]
		if c != nil && dialect.CanonicalText(db.Dialect, c.Definition) != dialect.CanonicalText(db.Dialect, v.Definition) {
			todo = append(todo, v)
		}
	}
	if len(todo) == 0 {
		return nil, nil, nil
	}
	if ss, ok := db.Dialect.(dialect.ScratchViewSpeller); ok && ss.SpellsInScratch() && !opts.InPlace {
		return spellInScratch(ctx, db.Dialect, target, todo, live, opts.Scratch)
	}
	out := make(map[string]string, len(todo))
	if err := spellOn(ctx, db, todo, func(v *model.View, text string, ok bool) {
		if ok {
			out[qualifiedName(v.Schema, v.Name)] = text
		}
	}); err != nil {
		return nil, nil, err
	}
	return out, nil, nil
}

// spellOn spells each view of todo on one connection of db and gives the
// outcome to found.
func spellOn(ctx context.Context, db *dialect.DB, todo []*model.View, found func(v *model.View, text string, ok bool)) error {
	sp := db.Dialect.(dialect.ViewSpeller)
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("autogen: view spelling: %w", err)
	}
	defer conn.Close()
	for _, v := range todo {
		text, ok, err := sp.SpellView(ctx, conn, v)
		if err != nil {
			return fmt.Errorf("autogen: view %s: %w", qualifiedName(v.Schema, v.Name), err)
		}
		found(v, text, ok)
	}
	return nil
}
