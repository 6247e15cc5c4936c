package runner

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
)

// TestRunnerSQLiteJournalRestored checks that the runner's PERSIST
// journal is a matter of its own connection: after a run, no journal file
// is left beside the database, and a new connection journals as before.
func TestRunnerSQLiteJournalRestored(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "sqlite")
	r := newTestRunner(t, db, fixtureGraph(t, "linear"))
	if _, err := r.Upgrade(ctx, "head"); err != nil {
		t.Fatal(err)
	}
	path := strings.TrimPrefix(tg.URL, "sqlite:")
	if _, err := os.Stat(path + "-journal"); !os.IsNotExist(err) {
		t.Errorf("%s-journal is left after the run (stat: %v)", path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "delete" {
		t.Errorf("journal_mode after the run = %q (%v), want delete", mode, err)
	}
	if _, err := r.Downgrade(ctx, "base"); err != nil {
		t.Fatal(err)
	}
	wantRows(t, r)
}
