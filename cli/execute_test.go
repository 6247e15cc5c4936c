package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/project"
	"github.com/spf13/cobra"
)

// run executes the tree in dir with a fake environment and returns the
// exit status and both outputs.
func run(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	return runCtx(context.Background(), t, dir, env, args...)
}

func runCtx(ctx context.Context, t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	lookup := func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
	code := Execute(ctx, args, &stdout, &stderr, WithWorkDir(dir), WithLookupEnv(lookup))
	if n := strings.Count(stderr.String(), "\n"); code != 0 && n > 1 {
		t.Errorf("migrate %s: stderr has %d lines, want one:\n%s", strings.Join(args, " "), n, stderr.String())
	}
	for _, bad := range []string{"goroutine ", "panic:", "[recovered]"} {
		if strings.Contains(stderr.String(), bad) {
			t.Errorf("migrate %s: stderr looks like a crash:\n%s", strings.Join(args, " "), stderr.String())
		}
	}
	return code, stdout.String(), stderr.String()
}

func TestExecute(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		toml       string // migrate.toml in the working directory, if any
		code       int
		stdout     []string // substrings
		stderr     []string // substrings
		noStderr   bool
		neverPrint string // must appear in neither output
	}{
		{name: "--version", args: []string{"--version"}, code: 0, stdout: []string{"migrate dev\n"}, noStderr: true},
		{name: "version command", args: []string{"version"}, code: 0, stdout: []string{"migrate dev\n"}, noStderr: true},
		{name: "version --json", args: []string{"version", "--json"}, code: 0, stdout: []string{`"version": "dev"`}},
		{name: "--help", args: []string{"--help"}, code: 0,
			stdout: []string{"Usage:", "init", "info", "--database-url", "--config", "--json", "Exit status"}, noStderr: true},
		{name: "no arguments prints help", args: nil, code: 0, stdout: []string{"Usage:"}, noStderr: true},
		{name: "help of a command", args: []string{"init", "--help"}, code: 0, stdout: []string{"--template"}},
		{name: "unknown command", args: []string{"upgrayed"}, code: 2,
			stderr: []string{`migrate: unknown command "upgrayed" for "migrate": did you mean "upgrade"?`, "migrate --help"}},
		{name: "help of an unknown command", args: []string{"help", "upgrad"}, code: 2,
			stderr: []string{`migrate: unknown help topic "upgrad": did you mean "upgrade"?`}},
		{name: "help command", args: []string{"help", "history"}, code: 0, stdout: []string{"history lists the revisions"}, noStderr: true},
		{name: "unknown command, transposed letters", args: []string{"histroy"}, code: 2,
			stderr: []string{`migrate: unknown command "histroy" for "migrate": did you mean "history"?`}},
		{name: "unknown command, nothing near", args: []string{"frobnicate"}, code: 2,
			stderr: []string{"migrate: unknown command \"frobnicate\" for \"migrate\" (see 'migrate --help')\n"}},
		{name: "stamp without a revision", args: []string{"stamp"}, code: 2,
			stderr: []string{"migrate: migrate stamp takes at least 1 argument(s), got 0: expected the revision(s) to stamp, e.g. migrate stamp head (see 'migrate stamp --help')\n"}},
		{name: "upgrade without a target", args: []string{"upgrade"}, code: 2,
			stderr: []string{"migrate: migrate upgrade takes 1 argument(s), got 0: expected TARGET (see 'migrate upgrade --help')\n"}},
		{name: "downgrade without a target", args: []string{"downgrade"}, code: 2,
			stderr: []string{"migrate: migrate downgrade takes 1 argument(s), got 0: expected TARGET (see 'migrate downgrade --help')\n"}},
		{name: "mistyped flag", args: []string{"info", "--databse-url", "x"}, code: 2,
			stderr: []string{"migrate: unknown flag: --databse-url: did you mean --database-url? (see 'migrate info --help')\n"}},
		{name: "mistyped flag of downgrade", args: []string{"downgrade", "-1", "--sq"}, code: 2,
			stderr: []string{"migrate: unknown flag: --sq: did you mean --sql? (see 'migrate downgrade --help')\n"}},
		{name: "unknown flag", args: []string{"info", "--nope"}, code: 2,
			stderr: []string{"migrate: unknown flag: --nope", "migrate info --help"}},
		{name: "flag without value", args: []string{"info", "--database-url"}, code: 2,
			stderr: []string{"flag needs an argument"}},
		{name: "too many arguments", args: []string{"init", "a", "b"}, code: 2, stderr: []string{"accepts at most 1 arg"}},
		{name: "quiet and verbose", args: []string{"info", "-q", "-v"}, code: 2, stderr: []string{"cannot be used together"}},
		{name: "no database URL", args: []string{"info"}, code: 2,
			stderr: []string{"migrate: no database URL (no migrate.toml found)", "--database-url"}},
		{name: "bad URL", args: []string{"info", "--database-url", "oracle://u:secret@h/db"}, code: 2,
			stderr: []string{`unknown scheme "oracle"`, "postgres://"}, neverPrint: "secret"},
		{name: "URL without scheme", args: []string{"info", "--database-url", "app.db"}, code: 2,
			stderr: []string{"no scheme"}},
		{name: "unreachable postgres", args: []string{"info", "--database-url", "postgres://u:secret@127.0.0.1:1/db?connect_timeout=5"}, code: 3,
			stderr: []string{"migrate: connect to postgres://u:xxxxx@127.0.0.1:1/db"}, neverPrint: "secret"},
		{name: "unreachable mysql", args: []string{"info", "--database-url", "mysql://root:secret@127.0.0.1:1/db?timeout=5s"}, code: 3,
			stderr: []string{"migrate: connect to mysql://root:xxxxx@127.0.0.1:1/db"}, neverPrint: "secret"},
		{name: "unreachable mysql DSN", args: []string{"info", "--database-url", "root:secret@tcp(127.0.0.1:1)/db?timeout=5s"}, code: 3,
			stderr: []string{"connect to root:xxxxx@tcp(127.0.0.1:1)/db"}, neverPrint: "secret"},
		{name: "password from MIGRATE_DATABASE_URL masked", args: []string{"info"},
			env:  map[string]string{"MIGRATE_DATABASE_URL": "postgres://u:p%40ss%2Fw0rd@127.0.0.1:1/db?connect_timeout=5"},
			code: 3, stderr: []string{"connect to"}, neverPrint: "w0rd"},
		{name: "password from migrate.toml masked", args: []string{"info"},
			env:  map[string]string{"PW": "hunter2"},
			toml: `database_url = "postgres://u:${PW}@127.0.0.1:1/db?connect_timeout=5"`,
			code: 3, stderr: []string{"connect to"}, neverPrint: "hunter2"},
		{name: "password in a bad URL masked", args: []string{"info", "--database-url", "postgres://u:sec ret@h:notaport/db"}, code: 2,
			neverPrint: "sec ret"},
		{name: "configuration error", args: []string{"info"}, toml: "databse_url = \"sqlite::memory:\"\n", code: 2,
			stderr: []string{`migrate.toml:1: unknown key "databse_url" (did you mean "database_url"?)`}},
		{name: "info on SQLite", args: []string{"info", "--database-url", "sqlite::memory:"}, code: 0,
			stdout: []string{"dialect:   sqlite", "status:    connected", "database:  sqlite::memory:"}, noStderr: true},
		{name: "info uses DATABASE_URL", args: []string{"info", "-v"}, env: map[string]string{"DATABASE_URL": "sqlite::memory:"}, code: 0,
			stdout: []string{"from:    env DATABASE_URL"}},
		{name: "info --json", args: []string{"info", "--json", "--database-url", "sqlite::memory:"}, code: 0,
			stdout: []string{`"dialect": "sqlite"`, `"connected": true`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if tt.toml != "" {
				if err := os.WriteFile(filepath.Join(dir, "migrate.toml"), []byte(tt.toml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, stdout, stderr := run(t, dir, tt.env, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout does not contain %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, stderr)
				}
			}
			if tt.noStderr && stderr != "" {
				t.Errorf("unexpected stderr: %s", stderr)
			}
			if tt.neverPrint != "" && (strings.Contains(stdout, tt.neverPrint) || strings.Contains(stderr, tt.neverPrint)) {
				t.Errorf("output reveals %q:\nstdout: %s\nstderr: %s", tt.neverPrint, stdout, stderr)
			}
		})
	}
}

func TestVersionOption(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Execute(context.Background(), []string{"--version"}, &stdout, &stderr, WithVersion("v1.2.3"))
	if code != 0 || stdout.String() != "migrate v1.2.3\n" {
		t.Errorf("exit %d, stdout %q", code, stdout.String())
	}
}

func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	// An empty file is an empty SQLite database: info connects to it.
	if err := os.WriteFile(filepath.Join(dir, "x.db"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCtx(ctx, t, dir, nil, "info", "--database-url", "sqlite:"+filepath.Join(dir, "x.db"))
	if code == 0 {
		t.Fatalf("exit 0 after cancellation; stderr %q", stderr)
	}
	if !strings.Contains(stderr, "interrupted") {
		t.Errorf("stderr %q does not say interrupted", stderr)
	}
}

func TestInfoJSONIsValid(t *testing.T) {
	code, stdout, stderr := run(t, t.TempDir(), nil, "info", "--json", "--database-url", "sqlite::memory:")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res project.Info
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	if res.Dialect != "sqlite" || !res.Connected || res.DatabaseURLFrom != "command line" {
		t.Errorf("result %+v", res)
	}
}

func TestExtraCommand(t *testing.T) {
	// Programs embedding the tree (the per-project runner) add commands.
	called := false
	var stdout, stderr bytes.Buffer
	code := Execute(context.Background(), []string{"extra", "--json"}, &stdout, &stderr,
		WithCommand(func(app *App) *cobra.Command {
			return &cobra.Command{Use: "extra", RunE: func(*cobra.Command, []string) error {
				called = app.JSON()
				return CheckFailed("extra check failed")
			}}
		}))
	if !called || code != ExitCheckFailed || stderr.String() != "migrate: extra check failed\n" {
		t.Errorf("called=%v exit=%d stderr=%q", called, code, stderr.String())
	}
}
