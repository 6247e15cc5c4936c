package autogen

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// SpellViews asks the database how it would keep the definitions of the
// model's views (see dialect.ViewSpeller), for Options.ViewTexts: only
// for the views the database has under the same name with a text that
// differs (by dialect.CanonicalText) from the model's, so that a view
// the user wrote in natural words (SELECT id FROM users) is not a change
// because the server prints it in its own (SELECT users.id FROM users).
// Other dialects keep a view as written: the answer is nil.
func SpellViews(ctx context.Context, db *dialect.DB, current, target *model.MetaData) (map[string]string, error) {
	sp, ok := db.Dialect.(dialect.ViewSpeller)
	if !ok {
		return nil, nil
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
		return nil, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("autogen: view spelling: %w", err)
	}
	defer conn.Close()
	out := make(map[string]string, len(todo))
	for _, v := range todo {
		text, ok, err := sp.SpellView(ctx, conn, v)
		if err != nil {
			return nil, fmt.Errorf("autogen: view %s: %w", qualifiedName(v.Schema, v.Name), err)
		}
		if ok {
			out[qualifiedName(v.Schema, v.Name)] = text
		}
	}
	return out, nil
}
