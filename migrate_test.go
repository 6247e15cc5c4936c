package migrate_test

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/migratego/migrate"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"

	_ "modernc.org/sqlite"
)

//go:embed testdata/quickstart/migrations/versions/*.sql
var quickstart embed.FS

// Migrate a SQLite database at start-up with SQL revisions embedded in the
// program.
func ExampleUpgrade() {
	dir, err := os.MkdirTemp("", "example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", filepath.Join(dir, "app.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	files, err := fs.Sub(quickstart, "testdata/quickstart/migrations/versions")
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	source := migrate.Source{FS: files}
	if err := migrate.Upgrade(ctx, db, source, "head"); err != nil {
		log.Fatal(err)
	}
	current, err := migrate.Current(ctx, db, source)
	if err != nil {
		log.Fatal(err)
	}
	var title string
	if err := db.QueryRow("SELECT title FROM books WHERE published_year = 1972").Scan(&title); err != nil {
		log.Fatal(err)
	}
	fmt.Println(current, title)
	// Output: [3c4d5e6f7a8b] Invisible Cities
}

// sqlRevisions are portable SQL revisions: r1 creates a table, r2 adds a
// column.
var sqlRevisions = fstest.MapFS{
	"r1_items.sql": {Data: []byte("-- migrate:id r1\n-- migrate:message items\n\n-- migrate:upgrade\n" +
		"CREATE TABLE items (id integer PRIMARY KEY, name varchar(50) NOT NULL);\n\n-- migrate:downgrade\nDROP TABLE items;\n")},
	"r2_price.sql": {Data: []byte("-- migrate:id r2\n-- migrate:revises r1\n-- migrate:message price\n\n-- migrate:upgrade\n" +
		"ALTER TABLE items ADD COLUMN price integer;\n\n-- migrate:downgrade\nALTER TABLE items DROP COLUMN price;\n")},
}

// goRevisions returns a registry with one compiled Go revision, r3, on
// top of sqlRevisions: a table made with ops and a data change.
func goRevisions() *runner.Registry {
	reg := runner.NewRegistry()
	reg.Register(&runner.Revision{
		ID: "r3", Revises: []string{"r2"}, Message: "tags",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			err := op.Run(ctx, ops.CreateTable{Table: &model.Table{
				Name:       "tags",
				Columns:    []*model.Column{{Name: "id", Type: model.Integer}, {Name: "label", Type: model.Varchar(30)}},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
			}})
			if err != nil {
				return err
			}
			return op.Execute(ctx, "INSERT INTO items (id, name, price) VALUES (1, 'pen', 3)")
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			if err := op.Execute(ctx, "DELETE FROM items WHERE id = 1"); err != nil {
				return err
			}
			return op.Run(ctx, ops.DropTable{Table: "tags"})
		},
	})
	return reg
}

// TestFacade runs SQL files and a compiled Go revision through the facade
// on each database, with a custom version table and a logger.
func TestFacade(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			u, err := dialect.ParseURL(tg.URL)
			if err != nil {
				t.Fatal(err)
			}
			db, err := sql.Open(u.Driver, u.DSN)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			src := migrate.Source{FS: sqlRevisions, Registry: goRevisions()}
			var logs bytes.Buffer
			opts := []migrate.Option{
				migrate.WithVersionTable("", "app_version"),
				migrate.WithHistoryTable("app_history"),
				migrate.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))),
			}
			if name != "sqlite" {
				opts = append(opts, migrate.WithLock(dialect.LockTable), migrate.WithLockLease(5*time.Second))
			}
			current := func(want ...string) {
				t.Helper()
				got, err := migrate.Current(ctx, db, src, opts...)
				if err != nil || !slices.Equal(got, want) {
					t.Fatalf("Current: %q, %v; want %q", got, err, want)
				}
			}
			current()
			if err := migrate.Upgrade(ctx, db, src, "head", opts...); err != nil {
				t.Fatal(err)
			}
			current("r3")
			var n int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM tags").Scan(&n); err != nil {
				t.Fatalf("tags: %v", err)
			}
			if name != "sqlite" {
				// The lease row of the table lock is gone once the run ended.
				if err := db.QueryRowContext(ctx, "SELECT count(*) FROM app_version_lock").Scan(&n); err != nil || n != 0 {
					t.Errorf("lock table app_version_lock: %d row(s), %v", n, err)
				}
			}
			if !strings.Contains(logs.String(), "Running upgrade r2 -> r3, tags") {
				t.Errorf("logs: %s", logs.String())
			}
			if err := migrate.Downgrade(ctx, db, src, "r1", opts...); err != nil {
				t.Fatal(err)
			}
			current("r1")
			if err := migrate.Stamp(ctx, db, src, "r2", opts...); err != nil {
				t.Fatal(err)
			}
			current("r2")
			if err := migrate.Downgrade(ctx, db, src, "base", opts...); err == nil {
				// r2's downgrade drops a column that was never added.
				t.Fatal("downgrading a stamped revision whose column is missing: want an error")
			}
			if err := migrate.Upgrade(ctx, db, src, "nope", opts...); err == nil || !strings.Contains(err.Error(), "migrate: upgrade nope") {
				t.Fatalf("unknown target: %v", err)
			}
		})
	}
}

// TestFacadeBadInput: one clear error, never a panic.
func TestFacadeBadInput(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct {
		name string
		db   *sql.DB
		src  migrate.Source
		want string
	}{
		{"nil db", nil, migrate.Source{FS: sqlRevisions}, "nil *sql.DB"},
		{"empty source", db, migrate.Source{}, "neither files"},
		{"bad file", db, migrate.Source{FS: fstest.MapFS{"x.sql": {Data: []byte("-- migrate:bogus 1\n")}}}, "x.sql"},
		{"go file not compiled", db, migrate.Source{FS: fstest.MapFS{"g.go": {Data: []byte(goFile)}}, Registry: runner.NewRegistry()}, "not compiled into this program"},
		// The library's advice, not the command line's (issue 11 point 10).
		{"go file without a registry", db, migrate.Source{FS: fstest.MapFS{"g.go": {Data: []byte(goFile)}}}, "pass its compiled revisions in Source.Registry"},
	} {
		err := migrate.Upgrade(ctx, tc.db, tc.src, "head")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %q", tc.name, err, tc.want)
		}
	}
}

const goFile = `package versions

import "github.com/migratego/migrate/runner"

func init() {
	runner.Register(&runner.Revision{ID: "g1", Message: "go"})
}
`
