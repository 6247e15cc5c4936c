package cli

import (
	"net/url"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
)

func TestInfoOnServers(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			code, stdout, stderr := run(t, t.TempDir(), map[string]string{"MIGRATE_DATABASE_URL": tg.URL}, "info")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "dialect:   "+name) {
				t.Errorf("stdout:\n%s", stdout)
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
