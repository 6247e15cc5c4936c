package cli

import (
	"context"

	"github.com/migratego/migrate/dialect"
)

// openScratch opens the scratch database of `migrate test`: devURL when
// given, else an in-memory SQLite database for a SQLite project. The
// caller calls closeDB.
func (a *App) openScratch(ctx context.Context, devURL string) (db *dialect.DB, closeDB func(), err error) {
	if devURL == "" {
		u, err := a.ParseURL()
		if err != nil {
			return nil, nil, err
		}
		if !u.Memory() && u.Dialect != "sqlite" {
			return nil, nil, Usagef("a temporary database on the %s server is not built yet: name an empty database with --dev-url", u.Dialect)
		}
		devURL = "sqlite::memory:"
	}
	db, err = dialect.Open(ctx, devURL)
	if err != nil {
		return nil, nil, Failure(err)
	}
	return db, func() { db.Close() }, nil
}
