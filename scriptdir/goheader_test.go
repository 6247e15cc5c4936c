package scriptdir

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

func TestParseGoRevision(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want versions.Revision
	}{
		{
			name: "alias and function literals",
			src: `package versions

import (
	"context"

	"github.com/migratego/migrate/ops"
	mig "github.com/migratego/migrate/runner"
)

func init() {
	mig.Register(&mig.Revision{
		ID:               "3f2a9c1b7d4e",
		Revises:          []string{"0c1d2e3f4a5b", "1a2b3c4d5e6f"},
		BranchLabels:     []string{"feature"},
		DependsOn:        []string{` + "`dep`" + `},
		Message:          "add users " + "table",
		CreateDate:       ("2024-05-01 12:00:00"),
		NonTransactional: true,
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Execute(ctx, "CREATE TABLE t (x int)")
		},
		Downgrade: down,
	})
}
`,
			want: versions.Revision{
				ID:               "3f2a9c1b7d4e",
				Revises:          []string{"0c1d2e3f4a5b", "1a2b3c4d5e6f"},
				BranchLabels:     []string{"feature"},
				DependsOn:        []string{"dep"},
				Message:          "add users table",
				CreateDate:       "2024-05-01 12:00:00",
				NonTransactional: true,
			},
		},
		{
			name: "package-level variable, named funcs, base",
			src: `package versions

import "github.com/migratego/migrate/runner"

var rev = &runner.Revision{
	ID:        "base1",
	Revises:   nil,
	Message:   ` + "`first`" + `,
	Upgrade:   up,
	Downgrade: down,
}

func init() { runner.Register(rev) }
`,
			want: versions.Revision{ID: "base1", Message: "first"},
		},
		{
			name: "dot import and explicit registry",
			src: `package versions

import . "github.com/migratego/migrate/runner"

var Migrations = NewRegistry()

func init() {
	Migrations.Register(&Revision{ID: "abc", Revises: []string{"def"}})
}
`,
			want: versions.Revision{ID: "abc", Revises: []string{"def"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rev, err := ParseGoRevision("v/x.go", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if rev.Kind != KindGo || rev.Path != "v/x.go" || len(rev.Checksum) != 64 || rev.SQL != nil {
				t.Fatalf("script = %+v", rev)
			}
			h := *rev.Revision
			h.Path = ""
			if !reflect.DeepEqual(h, tc.want) {
				t.Fatalf("got  %+v\nwant %+v", h, tc.want)
			}
		})
	}
}

func TestParseGoRevisionErrors(t *testing.T) {
	const head = "package versions\n\nimport mig \"github.com/migratego/migrate/runner\"\n\n" // 4 lines
	cases := []struct {
		name, src, want string
	}{
		{"syntax error", head + "func init() {\n", "x.go:5: syntax error: "},
		{"register without literal", head + "func init() {\n\tmig.Register(build())\n}\n", "x.go:6: no runner.Revision literal"},
		{"two literals", head + "func init() {\n\tmig.Register(&mig.Revision{ID: \"a\"})\n\tmig.Register(&mig.Revision{ID: \"b\"})\n}\n", "x.go:7: a second runner.Revision literal (the first is on line 6)"},
		{"non-constant ID", head + "var id = \"a\"\n\nfunc init() {\n\tmig.Register(&mig.Revision{ID: id})\n}\n", "x.go:8: field ID: must be a string literal: the header is read without compiling, so only literals are allowed (no variables, named constants or calls)"},
		{"non-constant Revises", head + "func init() {\n\tmig.Register(&mig.Revision{\n\t\tID: \"a\",\n\t\tRevises: parents(),\n\t})\n}\n", "x.go:8: field Revises: must be a []string{…} literal"},
		{"non-constant element", head + "func init() {\n\tmig.Register(&mig.Revision{ID: \"a\", Revises: []string{\"b\", p}})\n}\n", "x.go:6: field Revises: element 2: must be a string literal"},
		{"non-constant bool", head + "func init() {\n\tmig.Register(&mig.Revision{ID: \"a\", NonTransactional: !false})\n}\n", "x.go:6: field NonTransactional: must be true or false"},
		{"missing ID", head + "func init() {\n\tmig.Register(&mig.Revision{\n\t\tMessage: \"m\",\n\t})\n}\n", "x.go:6: the runner.Revision literal has no ID field"},
		{"bad ID", head + "func init() {\n\tmig.Register(&mig.Revision{ID: \"a:b\"})\n}\n", "x.go:6: field ID: revision id \"a:b\""},
		{"unknown field", head + "func init() {\n\tmig.Register(&mig.Revision{\n\t\tID: \"a\",\n\t\tParent: \"b\",\n\t})\n}\n", "x.go:8: unknown field Parent in the runner.Revision literal"},
		{"Source field", head + "func init() {\n\tmig.Register(&mig.Revision{ID: \"a\", Source: nil})\n}\n", "x.go:6: field Source is set by the loader"},
		{"unkeyed", head + "func init() {\n\tmig.Register(&mig.Revision{\"a\"})\n}\n", "x.go:6: the runner.Revision literal must use keyed fields"},
		{"duplicate field", head + "func init() {\n\tmig.Register(&mig.Revision{ID: \"a\",\n\t\tID: \"b\"})\n}\n", "x.go:7: field ID is set twice (first on line 6)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseGoRevision("x.go", []byte(tc.src))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %q\nwant prefix %q", err, tc.want)
			}
			if errors.Is(err, errNotRevision) {
				t.Fatalf("a broken revision must not be skipped as a non-revision file: %v", err)
			}
		})
	}
}

func TestParseGoNotRevision(t *testing.T) {
	for name, src := range map[string]string{
		"no import":  "package versions\n\nfunc helper() {}\n",
		"no literal": "package versions\n\nimport \"github.com/migratego/migrate/runner\"\n\nvar _ *runner.Registry\n",
		"blank":      "package versions\n\nimport _ \"github.com/migratego/migrate/runner\"\n\nvar x = Revision{ID: \"a\"}\n",
	} {
		_, err := ParseGoRevision("h.go", []byte(src))
		if !errors.Is(err, errNotRevision) {
			t.Errorf("%s: err = %v, want errNotRevision", name, err)
		}
	}
}

// TestParseGoRevisionOldImport: a file written when revisions registered
// with package versions is refused with what to change, never skipped as
// a helper file.
func TestParseGoRevisionOldImport(t *testing.T) {
	src := "package versions\n\nimport \"github.com/migratego/migrate/versions\"\n\nfunc init() {\n\tversions.Register(&versions.Revision{ID: \"a\"})\n}\n"
	_, err := ParseGoRevision("v/a.go", []byte(src))
	want := "v/a.go:6: versions.Revision of github.com/migratego/migrate/versions: Go revisions now register with runner.Register(&runner.Revision{…}); import github.com/migratego/migrate/runner instead"
	if err == nil || errors.Is(err, errNotRevision) || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want %q", err, want)
	}
}
