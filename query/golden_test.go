package query_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/query"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenDialects are the dialects the golden files are written for, by
// golden name: MySQL 8 and MariaDB differ on RETURNING.
var goldenDialects = []struct {
	name string
	d    dialect.Dialect
}{
	{"postgres", dialect.Postgres()},
	{"mysql", dialect.MySQL()},
	{"mariadb", dialect.MariaDB()},
	{"sqlite", dialect.SQLite()},
}

// TestGolden compiles every case for every dialect, with bound parameters
// and rendered with literals, and compares with testdata/<dialect>.sql.
// A dialect that refuses a case must refuse it with an error, and only
// those listed do.
func TestGolden(t *testing.T) {
	for _, gd := range goldenDialects {
		t.Run(gd.name, func(t *testing.T) {
			var sb strings.Builder
			for _, c := range cases {
				fmt.Fprintf(&sb, "-- %s\n", c.name)
				comp, err := query.Compile(gd.d, c.stmt)
				rendered, rerr := query.Render(gd.d, c.stmt)
				refused := slices.Contains(c.refusedBy, gd.name)
				switch {
				case refused && (err == nil || rerr == nil):
					t.Errorf("%s: compiled, want a refusal", c.name)
				case !refused && (err != nil || rerr != nil):
					t.Errorf("%s: %v / %v", c.name, err, rerr)
				}
				if err != nil {
					fmt.Fprintf(&sb, "-- error: %v\n\n", err)
					continue
				}
				fmt.Fprintf(&sb, "%s;\n-- args: %s\n%s;\n\n", comp.SQL, formatArgs(comp.Args), rendered)
			}
			path := filepath.Join("testdata", gd.name+".sql")
			if *update {
				if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./query -run TestGolden -update)", err)
			}
			if got := sb.String(); got != string(want) {
				t.Errorf("%s differs from the compiled cases (go test ./query -run TestGolden -update to accept):\n%s", path, firstDiff(string(want), got))
			}
		})
	}
}

func formatArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprintf("%#v", a)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return ""
}
