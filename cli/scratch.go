package cli

import (
	"context"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/scratchdb"
)

// openScratch opens the scratch database of `migrate test`: devURL when
// given (of any kind: SQL revisions may be portable), else a scratch
// database of the configured database's kind (see scratchdb.Open: SQLite
// in memory, or a temporary database on the server). The caller calls
// closeDB, which removes a temporary database.
func (a *App) openScratch(ctx context.Context, devURL string) (db *dialect.DB, closeDB func(), err error) {
	if devURL != "" {
		if db, err = dialect.Open(ctx, devURL); err != nil {
			return nil, nil, Failure(err)
		}
		return db, func() { db.Close() }, nil
	}
	raw, err := a.DatabaseURL()
	if err != nil {
		return nil, nil, err
	}
	s, err := scratchdb.Open(ctx, raw, "")
	if err != nil {
		return nil, nil, Failure(err)
	}
	return s.DB, func() {
		if err := s.Close(); err != nil {
			a.Warnf("%v", err)
		}
	}, nil
}
