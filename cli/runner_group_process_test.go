package cli

import (
	"context"
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// TestKilledSharedTransaction: `kill -9` while revisions share the run's
// PostgreSQL transaction (their bookkeeping deferred to its commits)
// leaves a consistent, older state: the version row, the history rows and
// the tables all stop at the same revision, the last of a commit. The
// next run (which waits for the killed session's transaction to end)
// applies the rest, nothing twice.
func TestKilledSharedTransaction(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db, tg := testdb.Open(t, "postgres")
	p := newRunProject(t, tg.URL, "")
	const n, slow = 300, 250
	revision := func(i int, body string) {
		head := fmt.Sprintf("-- migrate:id k%03d\n", i)
		if i > 1 {
			head += fmt.Sprintf("-- migrate:revises k%03d\n", i-1)
		}
		p.write(fmt.Sprintf("k%03d.sql", i), head+"\n-- migrate:upgrade\n"+body)
	}
	for i := 1; i <= n; i++ {
		body := fmt.Sprintf("CREATE TABLE kt_%d (id integer);\n", i)
		if i == slow {
			body += "SELECT pg_sleep(3) AS killed_here;\n"
		}
		revision(i, body)
	}
	cmd, _ := startMigrate(ctx, t, p, "upgrade", "head")
	waitStatement(ctx, t, db, "%killed_here%")
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	var version string
	if err := db.QueryRowContext(ctx, "SELECT version_num FROM migrate_version").Scan(&version); err != nil {
		t.Fatalf("version row after the kill: %v", err)
	}
	var last int
	if _, err := fmt.Sscanf(version, "k%03d", &last); err != nil || last < 1 || last >= slow {
		t.Fatalf("version row %q after the kill, want one before k%03d", version, slow)
	}
	t.Logf("killed at %s: %d revisions committed", version, last)
	wantHistoryRows(ctx, t, db, last)
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'kt\\_%'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != last {
		t.Fatalf("%d tables after the kill, want %d (those of k001 … %s)", tables, last, version)
	}

	revision(slow, fmt.Sprintf("CREATE TABLE kt_%d (id integer);\n", slow))
	p.want(0, "upgrade", "head", "--lock-timeout", "30s")
	wantHistoryRows(ctx, t, db, n)
}

// wantHistoryRows checks that the history holds one ok row for each of
// k001 … kLAST, in order, and nothing else.
func wantHistoryRows(ctx context.Context, t *testing.T, db *dialect.DB, last int) {
	t.Helper()
	rows, err := db.QueryContext(ctx, "SELECT revision, status FROM migrate_history ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got, want []string
	for rows.Next() {
		var rev, status string
		if err := rows.Scan(&rev, &status); err != nil {
			t.Fatal(err)
		}
		got = append(got, rev+" "+status)
	}
	for i := 1; i <= last; i++ {
		want = append(want, fmt.Sprintf("k%03d ok", i))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("history after the kill: %d rows (%v … ), want k001 … k%03d ok", len(got), got[:min(3, len(got))], last)
	}
}
