package dialect

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestNormalizeViewOptions holds the spellings of view options that must
// compare equal, and those that must stay different.
func TestNormalizeViewOptions(t *testing.T) {
	tests := []struct {
		name  string
		a, b  model.View
		equal bool
	}{
		{"check option in the text or apart", model.View{Definition: "SELECT 1 WITH LOCAL CHECK OPTION"},
			model.View{Definition: "SELECT 1", CheckOption: "LOCAL"}, true},
		{"unqualified check option is cascaded", model.View{Definition: "SELECT 1\n  with check option;"},
			model.View{Definition: "SELECT 1", CheckOption: "cascaded"}, true},
		{"local is not cascaded", model.View{Definition: "SELECT 1", CheckOption: "local"},
			model.View{Definition: "SELECT 1", CheckOption: "cascaded"}, false},
		{"undefined algorithm is none", model.View{Definition: "SELECT 1", Algorithm: "UNDEFINED"},
			model.View{Definition: "SELECT 1"}, true},
		{"merge is not temptable", model.View{Definition: "SELECT 1", Algorithm: "MERGE"},
			model.View{Definition: "SELECT 1", Algorithm: "temptable"}, false},
		{"a check option inside a string stays text", model.View{Definition: "SELECT 'with check option'"},
			model.View{Definition: "SELECT 'with check option'", CheckOption: "cascaded"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.a, tt.b
			normalizeViewOptions(&a)
			normalizeViewOptions(&b)
			if got := reflect.DeepEqual(a, b); got != tt.equal {
				t.Errorf("normalised %+v and %+v: equal = %v, want %v", a, b, got, tt.equal)
			}
		})
	}
}

// TestViewOptionsRendered checks how each dialect writes view options,
// and that it refuses those it does not have.
func TestViewOptionsRendered(t *testing.T) {
	v := func(f func(*model.View)) *model.View {
		out := &model.View{Name: "v", Definition: "SELECT a FROM t"}
		f(out)
		return out
	}
	tests := []struct {
		name    string
		d       Dialect
		view    *model.View
		want    string // a part of the statement; "" when refused
		refused bool
	}{
		{"postgres options", Postgres(), v(func(v *model.View) { v.SecurityBarrier, v.SecurityInvoker, v.CheckOption = true, true, "local" }),
			`CREATE VIEW "v" WITH (security_barrier = true, security_invoker = true) AS SELECT a FROM t WITH LOCAL CHECK OPTION`, false},
		{"postgres refuses an algorithm", Postgres(), v(func(v *model.View) { v.Algorithm = "merge" }), "", true},
		{"mysql options", MySQL(), v(func(v *model.View) { v.Algorithm, v.SecurityInvoker, v.CheckOption = "temptable", true, "cascaded" }),
			"CREATE ALGORITHM = TEMPTABLE SQL SECURITY INVOKER VIEW `v` AS SELECT a FROM t WITH CASCADED CHECK OPTION", false},
		{"mysql refuses a security barrier", MySQL(), v(func(v *model.View) { v.SecurityBarrier = true }), "", true},
		{"sqlite refuses a check option", SQLite(), v(func(v *model.View) { v.CheckOption = "local" }), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stmts, err := tt.d.CreateView(tt.view)
			if tt.refused {
				var un *UnsupportedError
				if !errors.As(err, &un) {
					t.Fatalf("CreateView = %q, %v; want an *UnsupportedError", stmts, err)
				}
				return
			}
			if err != nil || len(stmts) == 0 || !strings.Contains(stmts[0], tt.want) {
				t.Fatalf("CreateView = %q, %v; want %q", stmts, err, tt.want)
			}
			rep, err := tt.d.(ViewReplacer).ReplaceView(tt.view)
			if err != nil || !strings.HasPrefix(rep[0], "CREATE OR REPLACE ") {
				t.Errorf("ReplaceView = %q, %v; want CREATE OR REPLACE", rep, err)
			}
		})
	}
}
