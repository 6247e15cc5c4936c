package dialect

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// ViewSpeller is implemented by dialects whose server keeps a view's
// definition in its own words rather than as written: PostgreSQL deparses
// the query (columns qualified by their table, casts written out, * made
// a list), MySQL and MariaDB qualify and alias every column. A model's
// view written naturally then differs, as text, from the same view read
// back, though it is the same view.
//
// SpellView creates a throwaway view with v's definition (and declared
// columns) on conn, reads the definition the server keeps for it as the
// inspector reads a view's, drops it, and returns that text. It reports
// ok false, without an error, when the server refuses the definition (it
// reads a table or view the database lacks): the text is then unknown.
// conn must be one connection (a *sql.Conn), as the view may be temporary.
// Only the server decides that two definitions are the same view: two
// different queries never print alike.
type ViewSpeller interface {
	SpellView(ctx context.Context, conn Querier, v *model.View) (text string, ok bool, err error)
}

// ViewUnqualifier is implemented by dialects whose server prints a view's
// definition with every name qualified by its schema (MySQL, MariaDB).
// UnqualifyView removes the qualifier of schema, the database the view
// is in, so that the definition creates the same view in another
// database. The inspector and the view speller share it, so that a view
// read back and a view spelled by the server are unqualified alike.
type ViewUnqualifier interface {
	UnqualifyView(def, schema string) string
}

// ScratchViewSpeller is implemented by a ViewSpeller whose throwaway
// views are real objects of the database they are created in, seen by
// every session, needing the privilege to create views and committing
// implicitly (MySQL and MariaDB have no temporary views). SpellsInScratch
// reports that views must then be spelled in a scratch database, not in
// the user's (see autogen.SpellViews).
type ScratchViewSpeller interface {
	SpellsInScratch() bool
}

// SpellsInScratch implements ScratchViewSpeller.
func (d *mysqlDialect) SpellsInScratch() bool { return true }

var (
	_ ScratchViewSpeller = (*mysqlDialect)(nil)
	_ ViewSpeller        = (*postgresDialect)(nil)
	_ ViewSpeller        = (*mysqlDialect)(nil)
	_ ViewUnqualifier    = (*mysqlDialect)(nil)
)

// spellingView returns the throwaway copy of v, named name in schema:
// only the definition and the declared columns shape the text.
func spellingView(v *model.View, schema, name string) *model.View {
	return &model.View{Schema: schema, Name: name, Definition: v.Definition, Columns: v.Columns}
}

// spellView creates tmp (a spellingView) on conn with d's DDL, reads its
// definition with read, and drops it again. A view the dialect or the
// server refuses has no spelling (false, no error).
func spellView(ctx context.Context, conn Querier, d Dialect, tmp *model.View, read string, args ...any) (string, bool, error) {
	create, err := d.CreateView(tmp)
	if err != nil {
		return "", false, nil
	}
	drop, err := d.DropView(tmp)
	if err != nil {
		return "", false, err
	}
	for _, s := range create {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return "", false, nil // the server refuses it: the text is unknown
		}
	}
	var text sql.NullString
	rows, err := conn.QueryContext(ctx, read, args...)
	if err == nil {
		if rows.Next() {
			err = rows.Scan(&text)
		}
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
	}
	for _, s := range drop {
		if _, derr := conn.ExecContext(ctx, s); derr != nil && err == nil {
			err = derr
		}
	}
	if err != nil {
		return "", false, fmt.Errorf("view spelling: %w", err)
	}
	return text.String, text.Valid, nil
}

// SpellView creates the view in pg_temp (the session's own schema) and
// reads it with pg_get_viewdef(oid, true), as the inspector does.
func (d *postgresDialect) SpellView(ctx context.Context, conn Querier, v *model.View) (string, bool, error) {
	const name = "_migrate_view_spelling"
	return spellView(ctx, conn, d, spellingView(v, "pg_temp", name), "SELECT pg_catalog.pg_get_viewdef('pg_temp."+name+"'::regclass, true)")
}

// SpellView creates the view under a fresh name in the connected database
// (MySQL has no temporary views: conn must be on a scratch database, see
// ScratchViewSpeller), reads VIEW_DEFINITION and removes the database's
// qualifier, as the inspector does.
func (d *mysqlDialect) SpellView(ctx context.Context, conn Querier, v *model.View) (string, bool, error) {
	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		return "", false, fmt.Errorf("view spelling: %w", err)
	}
	name := "_migrate_view_spelling_" + hex.EncodeToString(suffix[:])
	text, ok, err := spellView(ctx, conn, d, spellingView(v, "", name),
		"SELECT CONCAT(DATABASE(), CHAR(0), VIEW_DEFINITION) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", name)
	if !ok || err != nil {
		return "", false, err
	}
	schema, def, _ := strings.Cut(text, "\x00")
	return d.UnqualifyView(def, schema), true, nil
}

// UnqualifyView removes the qualifier of schema from a view definition as
// MySQL prints it (every name qualified); see ViewUnqualifier.
func (d *mysqlDialect) UnqualifyView(def, schema string) string {
	qs, err := d.QuoteIdent(schema)
	if err != nil {
		return def
	}
	return strings.ReplaceAll(def, qs+".", "")
}
