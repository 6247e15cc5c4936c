package migrate_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestQuickstart runs the README's quick-start commands from the root of
// the checkout, twice (the second upgrade has nothing to do), on a
// database in a temporary directory (MIGRATE_DATABASE_URL overrides the
// sample's migrate.toml, so the checkout is left alone), and checks that
// the sample's own database file is ignored by git.
func TestQuickstart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run ./cmd/migrate; skipped with -short")
	}
	code := markedBlock(t, "quickstart")
	db := filepath.Join(t.TempDir(), "quickstart.db")
	run := func() (string, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", code)
		cmd.Env = append(os.Environ(), "MIGRATE_DATABASE_URL=sqlite:"+db, "DATABASE_URL=", "MIGRATE_CONFIG=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("quick start: %v\n%s\nstdout: %s\nstderr: %s", err, code, out.String(), errb.String())
		}
		return out.String(), errb.String()
	}
	out, errOut := run()
	for _, want := range []string{"Running upgrade 2b3c4d5e6f7a -> 3c4d5e6f7a8b, seed the first books ... done", "3 revision(s) applied"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("first run: stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "2b3c4d5e6f7a -> 3c4d5e6f7a8b (head), seed the first books") || !strings.Contains(out, "<base> -> 1a2b3c4d5e6f, create authors and books") {
		t.Errorf("history: %s", out)
	}
	if _, errOut = run(); !strings.Contains(errOut, "nothing to upgrade") {
		t.Errorf("second run: %s", errOut)
	}
	if _, err := exec.LookPath("git"); err == nil {
		if _, err := os.Stat(".git"); err == nil {
			for _, f := range []string{"testdata/quickstart/quickstart.db", "testdata/quickstart/quickstart.db.migrate-lock"} {
				if err := exec.Command("git", "check-ignore", "-q", f).Run(); err != nil {
					t.Errorf("git does not ignore %s (%v): the quick start would leave an untracked file", f, err)
				}
			}
		}
	}
}
