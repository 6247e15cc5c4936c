package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// versionColumn is the column of the version table holding a revision
// id, as in Alembic's alembic_version table.
const versionColumn = "version_num"

// currentRevisions reads the rows of the version table: the database's
// current revisions, for `history -i` and `show current`. It only reads:
// a version table that does not exist (or a SQLite file that does not
// exist yet) means nothing is current. A database that cannot be reached
// or refuses the query is a failure (exit 3).
//
// TODO(runner): use the runner's version-table reader once it is
// exported (versions/versiontable.go reads the same column).
func (a *App) currentRevisions(ctx context.Context) ([]string, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	u, err := a.ParseURL()
	if err != nil {
		return nil, err
	}
	if u.Dialect == "sqlite" && !u.Memory() {
		// Opening a SQLite file creates it; a file that is not there has
		// no version table.
		if _, err := os.Stat(u.Database); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
	}
	db, err := a.OpenDB(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	table, err := db.Dialect.QuoteQualified(cfg.VersionTableSchema, cfg.VersionTable)
	if err != nil {
		return nil, Usagef("version table %q: %w", cfg.VersionTable, err)
	}
	col, err := db.Dialect.QuoteIdent(versionColumn)
	if err != nil {
		return nil, fmt.Errorf("version table: %w", err)
	}
	rs, err := dialect.RunSupportOf(db.Dialect)
	if err != nil {
		return nil, Failure(fmt.Errorf("read version table %s: %w", table, err))
	}
	exists, err := rs.TableExists(ctx, db.DB, cfg.VersionTableSchema, cfg.VersionTable)
	if err != nil {
		return nil, Failure(fmt.Errorf("look for version table %s: %w", table, err))
	}
	if !exists {
		return nil, nil
	}
	rows, err := db.QueryContext(ctx, "SELECT "+col+" FROM "+table)
	if err != nil {
		return nil, Failure(fmt.Errorf("read version table %s: %w", table, err))
	}
	defer rows.Close()
	var current []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, Failure(fmt.Errorf("read version table %s: %w", table, err))
		}
		if !slices.Contains(current, id) {
			current = append(current, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, Failure(fmt.Errorf("read version table %s: %w", table, err))
	}
	return current, nil
}

// currentSet reads the current revisions into a set, checking that the
// graph knows them: an unknown revision in the version table is an error
// naming it (the database is newer than the scripts, or the files are
// missing).
func (a *App) currentSet(ctx context.Context, s *scripts) (map[string]bool, []string, error) {
	current, err := a.currentRevisions(ctx)
	if err != nil {
		return nil, nil, err
	}
	set := make(map[string]bool, len(current))
	for _, id := range current {
		if s.graph.Revision(id) == nil {
			return nil, nil, Usagef("the version table names revision %s, which no revision file in %s defines; the database may be newer than the scripts", id, strings.Join(s.displayLocations(), ", "))
		}
		set[id] = true
	}
	return set, current, nil
}

// displayLocations returns the version locations as shown to users.
func (s *scripts) displayLocations() []string {
	out := make([]string, len(s.locations))
	for i, l := range s.locations {
		out[i] = display(s.wd, l)
	}
	return out
}
