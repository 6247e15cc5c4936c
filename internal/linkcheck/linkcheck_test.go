// Package linkcheck checks which database drivers a program links: the
// packages of the module register none, so a program that uses the
// facade with one driver links only that one (issue 9, DESIGN
// "Packages").
package linkcheck

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestFacadeLinksOnlyItsDriver lists the dependencies of
// testdata/facadepgx, a program calling migrate.Upgrade with the pgx
// driver: pgx and the facade are there, the MySQL and SQLite drivers are
// not.
func TestFacadeLinksOnlyItsDriver(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./testdata/facadepgx").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	for _, want := range []string{"github.com/migratego/migrate", "github.com/migratego/migrate/dialect", "github.com/jackc/pgx/v5/stdlib"} {
		if !slices.Contains(deps, want) {
			t.Errorf("facadepgx does not link %s", want)
		}
	}
	for _, dep := range deps {
		for _, banned := range []string{"github.com/go-sql-driver/mysql", "modernc.org/sqlite", "github.com/lib/pq", "github.com/mattn/go-sqlite3"} {
			if dep == banned || strings.HasPrefix(dep, banned+"/") {
				t.Errorf("facadepgx links %s", dep)
			}
		}
	}
}

// TestPureGraphPackage: the revision graph links no database code at all.
func TestPureGraphPackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/migratego/migrate/versions").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		switch {
		case dep == "github.com/migratego/migrate/versions":
		case strings.Contains(first, "."), // outside the standard library
			dep == "database/sql":
			t.Errorf("versions links %s", dep)
		}
	}
}
