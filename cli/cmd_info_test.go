package cli

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/internal/testdb"
)

func TestInfoOnServers(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			p := newRunProject(t, tg.URL, "linear")
			if name == "sqlite" {
				// Without the file, info says so and creates nothing.
				out, _ := p.want(0, "info")
				if !strings.Contains(out, "status:    no database file yet") {
					t.Errorf("info without the file:\n%s", out)
				}
				file := strings.TrimPrefix(tg.URL, "sqlite:")
				if _, err := os.Stat(file); err == nil {
					t.Errorf("info created %s", file)
				}
				// An empty file is an empty SQLite database.
				if err := os.WriteFile(file, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, _ := p.want(0, "info")
			// The URL comes from line 2 of migrate.toml; the server's
			// version and the current revision are shown (issue 11 point 2).
			for _, want := range []string{
				"dialect:   " + name, "  from:    " + filepath.Join(p.dir, "migrate.toml") + ":2\n",
				"status:    connected", "current:   (base)\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("info lacks %q:\n%s", want, out)
				}
			}
			if !regexp.MustCompile(`(?m)^server:    [0-9]+\.[0-9]+`).MatchString(out) {
				t.Errorf("info shows no server version:\n%s", out)
			}
			p.want(0, "upgrade", "head")
			out, _ = p.want(0, "info")
			if !strings.Contains(out, "current:   a3\n") {
				t.Errorf("info after upgrade:\n%s", out)
			}
			var res project.Info
			out, _ = p.want(0, "info", "--json", "--database-url", tg.URL)
			decodeJSON(t, out, &res)
			if res.DatabaseURLOrig != "flag --database-url" || res.ServerVersion == "" || !slices.Equal(res.Current, []string{"a3"}) {
				t.Errorf("info --json: %+v", res)
			}
		})
	}
}

// TestInfoMasksOnlyThePassword: with user and password both "postgres",
// a one-letter password or a password query parameter, info prints the
// URL with its password masked and every other word intact (issue 10
// point 11). PostgreSQL's test server trusts local logins, so any
// password connects.
func TestInfoMasksOnlyThePassword(t *testing.T) {
	tg := testdb.New(t, "postgres")
	base, err := url.Parse(tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		edit   func(u *url.URL)
		want   []string
		leaked string
	}{
		{name: "user and password alike", edit: func(u *url.URL) { u.User = url.UserPassword("postgres", "postgres") },
			want: []string{"database:  postgres://postgres:xxxxx@" + base.Host, "dialect:   postgres\n"}},
		{name: "one-letter password", edit: func(u *url.URL) { u.User = url.UserPassword("postgres", "e") },
			want: []string{"database:  postgres://postgres:xxxxx@", "dialect:   postgres\n", "status:    connected"}},
		{name: "password parameter", edit: func(u *url.URL) {
			u.User = url.User("postgres")
			q := u.Query()
			q.Set("password", "s3cr3t-q")
			u.RawQuery = q.Encode()
		}, want: []string{"password=xxxxx", "dialect:   postgres\n"}, leaked: "s3cr3t-q"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := *base
			tt.edit(&u)
			for _, args := range [][]string{{"info"}, {"info", "-v"}} {
				code, stdout, stderr := run(t, t.TempDir(), map[string]string{"DATABASE_URL": u.String()}, args...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(stdout, w) {
						t.Errorf("%v lacks %q:\n%s", args, w, stdout)
					}
				}
				if tt.leaked != "" && strings.Contains(stdout+stderr, tt.leaked) {
					t.Errorf("%v prints the password:\n%s", args, stdout)
				}
			}
		})
	}
}

func TestWrongPasswordMySQL(t *testing.T) {
	tg := testdb.New(t, "mysql") // skips, or fails under CI=true, without a server
	u, err := url.Parse(tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("migrate_no_such_user", "W r0ng/p@ss")
	code, stdout, stderr := run(t, t.TempDir(), nil, "info", "--database-url", u.String())
	if code != ExitFailure {
		t.Errorf("exit %d, want 3; stderr %s", code, stderr)
	}
	if !strings.Contains(stderr, "Access denied") {
		t.Errorf("stderr does not give the server's reason: %s", stderr)
	}
	for _, leak := range []string{"W r0ng", "r0ng", url.QueryEscape("W r0ng/p@ss")} {
		if strings.Contains(stdout+stderr, leak) {
			t.Errorf("output reveals the password (%q): %s", leak, stderr)
		}
	}
}
